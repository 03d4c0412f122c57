import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
}

/** What a route answers once its scripted faults (if any) are used up. */
export interface RouteResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON value (sent as application/json) or raw text/bytes. */
  json?: unknown;
  raw?: string | Buffer;
}

type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'stall'; ms: number }
  | { kind: 'html' }
  | { kind: 'garbage' }
  | { kind: 'reset' };

interface Route {
  response: RouteResponse;
  faults: Fault[];
  requests: RecordedRequest[];
  /** Bearer tokens the route accepts; undefined accepts any request. */
  validTokens: Set<string> | undefined;
}

/**
 * A vendor API on loopback that tests script per route: drifting bodies, HTTP errors, 429 with
 * Retry-After, stalls, HTML error pages, garbage, resets. It records every request it receives.
 */
export class VendorSimulator {
  private readonly routes = new Map<string, Route>();
  private server: Server | undefined;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /** Sets what a route answers from now on (the drift of a vendor). */
  respond(path: string, response: RouteResponse): this {
    this.route(path).response = response;
    return this;
  }

  json(path: string, body: unknown): this {
    return this.respond(path, { json: body });
  }

  /** The next `times` requests answer `status` (with optional headers), then the route recovers. */
  failNext(path: string, times: number, status: number, headers?: Record<string, string>): this {
    for (let i = 0; i < times; i++) this.route(path).faults.push({ kind: 'status', status, ...(headers ? { headers } : {}) });
    return this;
  }

  stallNext(path: string, ms: number): this {
    this.route(path).faults.push({ kind: 'stall', ms });
    return this;
  }

  htmlNext(path: string): this {
    this.route(path).faults.push({ kind: 'html' });
    return this;
  }

  garbageNext(path: string): this {
    this.route(path).faults.push({ kind: 'garbage' });
    return this;
  }

  resetNext(path: string): this {
    this.route(path).faults.push({ kind: 'reset' });
    return this;
  }

  /** Only these bearer tokens are accepted on the route; others get 401. */
  requireTokens(path: string, tokens: string[]): this {
    this.route(path).validTokens = new Set(tokens);
    return this;
  }

  requests(path: string): RecordedRequest[] {
    return this.route(path).requests;
  }

  private route(path: string): Route {
    let route = this.routes.get(path);
    if (!route) {
      route = { response: { status: 404, json: { error: 'no such route' } }, faults: [], requests: [], validTokens: undefined };
      this.routes.set(path, route);
    }
    return route;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0]!;
    const route = this.route(path);
    route.requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });

    if (route.validTokens) {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !route.validTokens.has(token)) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid token"}');
        return;
      }
    }

    const fault = route.faults.shift();
    if (fault) {
      switch (fault.kind) {
        case 'status':
          res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }).end(fault.body ?? '{"error":"simulated"}');
          return;
        case 'stall':
          await new Promise((resolve) => setTimeout(resolve, fault.ms));
          break;
        case 'html':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
          return;
        case 'garbage':
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "ch_1", "amount": 10');
          return;
        case 'reset':
          req.socket.destroy();
          return;
      }
    }

    const { status = 200, headers = {}, json, raw } = route.response;
    if (raw !== undefined) {
      res.writeHead(status, { 'content-type': 'application/octet-stream', ...headers }).end(raw);
    } else {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json ?? null));
    }
  }
}
