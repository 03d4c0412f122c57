import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { DaemonMetrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export interface HttpEndpoints {
  readiness: () => Promise<Readiness>;
  metrics: DaemonMetrics;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `/healthz` (the process is alive and serving), `/readyz` (database reachable, migrations applied,
 * monitors loaded; 503 with the failing checks otherwise) and `/metrics` (Prometheus text format).
 */
export async function startHttpServer(port: number, endpoints: HttpEndpoints, logger: Logger): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    handle(req, res, endpoints).catch((error: unknown) => {
      logger.error({ err: error, path: req.url }, 'HTTP handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, endpoints: HttpEndpoints): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
    return;
  }
  switch (path) {
    case '/healthz':
      sendJson(res, 200, { status: 'ok' });
      return;
    case '/readyz': {
      const readiness = await endpoints.readiness();
      sendJson(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks });
      return;
    }
    case '/metrics': {
      const body = await endpoints.metrics.render();
      res.writeHead(200, { 'content-type': endpoints.metrics.contentType }).end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    default:
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz, /readyz or /metrics\n');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(res.req.method === 'HEAD' ? undefined : text);
}
