import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path with query, as sent. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** When it arrived, on the simulator's clock (epoch ms). */
  at: number;
  /** What the simulator answered (its status), or 0 for a reset. */
  status: number;
  /** Body bytes written, for the answers that stream (oversize, drip, reset mid-body). */
  sentBytes?: number;
  /** For a streamed answer: whether the client closed the connection before the body was complete. */
  closedEarly?: boolean;
}

/** What a route answers once its scripted faults (if any) are used up. */
export interface RouteResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON value (sent as application/json) or raw text/bytes. */
  json?: unknown;
  raw?: string | Buffer;
}

export type RetryAfter = { seconds: number } | { date: Date };

type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'stall'; ms: number }
  | { kind: 'stall-body'; ms: number }
  | { kind: 'html' }
  | { kind: 'garbage' }
  | { kind: 'oversize'; bytes: number; declareLength: boolean }
  | { kind: 'redirect'; location: string; status: number }
  | { kind: 'reset' }
  | { kind: 'reset-mid-body' }
  | { kind: 'answer'; status: number; headers: Record<string, string>; body: string | Buffer }
  | { kind: 'drip'; intervalMs: number; bytes: number };

type Guard = (req: IncomingMessage, url: URL) => boolean;

interface Route {
  response: RouteResponse;
  faults: Fault[];
  requests: RecordedRequest[];
  /** Who may call the route; a request that fails it gets 401 before any fault is used. */
  guard: Guard | undefined;
  /** Answers instead of `response` (the token endpoint). */
  handler: ((req: IncomingMessage, body: string, res: ServerResponse) => number) | undefined;
}

export interface TokenEndpointOptions {
  /** client_id → client_secret */
  clients: Record<string, string>;
  /** Refresh tokens the refresh-token grant accepts. */
  refreshTokens?: string[];
  /** `expires_in` of issued tokens, in seconds; tokens expire then on the simulator's clock. Default 3600. */
  expiresIn?: number;
  /** Issue a new refresh token with each refresh and revoke the one used. */
  rotateRefreshTokens?: boolean;
}

interface IssuedToken {
  uses: number;
  expiresAt: number;
  clientId: string;
}

export interface TokenRequestRecord {
  grantType: string;
  clientId: string | undefined;
  /** `basic` or `body`. */
  clientAuth: string;
  ok: boolean;
}

/**
 * A vendor API on loopback that tests script per route: drifting bodies, HTTP errors, 429 with
 * Retry-After (seconds or an HTTP date), stalls before the head or in the middle of the body, HTML
 * error pages, garbage, oversized bodies, resets, redirects; API-key, basic, bearer or OAuth2 auth,
 * with tokens that expire after N calls or at `expires_in`; an OAuth2 token endpoint (client
 * credentials and refresh-token grants). It records every request it receives on its own clock,
 * which a test may replace to match the probe's.
 */
export class VendorSimulator {
  private readonly routes = new Map<string, Route>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly everIssued: string[] = [];
  private readonly tokenLog: TokenRequestRecord[] = [];
  private readonly pauses = new Set<() => void>();
  private server: Server | undefined;
  private readonly now: () => number;
  baseUrl = '';

  private readonly tls: { key: string | Buffer; cert: string | Buffer } | undefined;

  /** `tls`: serve HTTPS with this key and certificate (a self-signed one makes every probe fail TLS verification). */
  constructor(options: { now?: () => number; tls?: { key: string | Buffer; cert: string | Buffer } } = {}) {
    this.now = options.now ?? Date.now;
    this.tls = options.tls;
  }

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = this.tls ? createHttpsServer({ key: this.tls.key, cert: this.tls.cert }, handler) : createServer(handler);
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `${this.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const wake of this.pauses) wake();
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

  /** The next `times` requests answer 429, with a Retry-After in seconds or as an HTTP date when given. */
  rateLimitNext(path: string, times: number, retryAfter?: RetryAfter, headers: Record<string, string> = {}): this {
    const value = retryAfter === undefined ? undefined : 'seconds' in retryAfter ? String(retryAfter.seconds) : retryAfter.date.toUTCString();
    return this.failNext(path, times, 429, { ...headers, ...(value !== undefined ? { 'retry-after': value } : {}) });
  }

  /** The next request waits `ms` before sending anything. */
  stallNext(path: string, ms: number): this {
    this.route(path).faults.push({ kind: 'stall', ms });
    return this;
  }

  /** The next request gets its head and half its body, then nothing for `ms`, then the rest. */
  stallBodyNext(path: string, ms: number): this {
    this.route(path).faults.push({ kind: 'stall-body', ms });
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

  /** The next request gets a valid JSON body of `bytes` bytes, with or without a Content-Length. */
  oversizeNext(path: string, bytes: number, declareLength = true): this {
    this.route(path).faults.push({ kind: 'oversize', bytes, declareLength });
    return this;
  }

  resetNext(path: string): this {
    this.route(path).faults.push({ kind: 'reset' });
    return this;
  }

  /** The next request gets a 200 head and part of its JSON body, then the connection is cut. */
  resetMidBodyNext(path: string): this {
    this.route(path).faults.push({ kind: 'reset-mid-body' });
    return this;
  }

  /** The next request gets exactly this answer: any status, headers (none added) and raw body. */
  answerNext(path: string, answer: { status?: number; headers?: Record<string, string>; body: string | Buffer }): this {
    this.route(path).faults.push({ kind: 'answer', status: answer.status ?? 200, headers: answer.headers ?? {}, body: answer.body });
    return this;
  }

  /** The next request gets a JSON head at once, then its body one byte every `intervalMs` (`bytes` in all): a slow drip. */
  dripNext(path: string, intervalMs: number, bytes = 10_000): this {
    this.route(path).faults.push({ kind: 'drip', intervalMs, bytes });
    return this;
  }

  /** The next `times` requests are redirected to `location` (a path here, or a URL). */
  redirectNext(path: string, location: string, times = 1, status = 302): this {
    for (let i = 0; i < times; i++) this.route(path).faults.push({ kind: 'redirect', location, status });
    return this;
  }

  /** Only these bearer tokens are accepted on the route; others get 401. */
  requireTokens(path: string, tokens: string[]): this {
    const valid = new Set(tokens);
    return this.guard(path, (req) => valid.has(bearer(req) ?? ''));
  }

  /** Only these API keys are accepted, in a header or a query parameter; others get 401. */
  requireApiKey(path: string, where: { in: 'header' | 'query'; name: string }, keys: string[]): this {
    const valid = new Set(keys);
    return this.guard(path, (req, url) => {
      const value = where.in === 'header' ? req.headers[where.name.toLowerCase()] : url.searchParams.get(where.name);
      return typeof value === 'string' && valid.has(value);
    });
  }

  requireBasic(path: string, username: string, password: string): this {
    const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    return this.guard(path, (req) => req.headers.authorization === expected);
  }

  /**
   * Only access tokens issued by the token endpoint are accepted, until they expire (`expires_in`)
   * and, when `maxUses` is set, for that many calls each (a token the vendor revokes early).
   */
  requireOAuth(path: string, options: { maxUses?: number } = {}): this {
    return this.guard(path, (req) => {
      const token = this.tokens.get(bearer(req) ?? '');
      if (!token || this.now() >= token.expiresAt) return false;
      if (options.maxUses !== undefined && token.uses >= options.maxUses) return false;
      token.uses++;
      return true;
    });
  }

  /** Makes `path` an OAuth2 token endpoint (RFC 6749: client credentials and refresh-token grants). */
  tokenEndpoint(path: string, options: TokenEndpointOptions): this {
    const refreshTokens = new Set(options.refreshTokens ?? []);
    const expiresIn = options.expiresIn ?? 3600;
    this.route(path).handler = (req, body, res) => {
      const form = new URLSearchParams(body);
      let clientId = form.get('client_id') ?? undefined;
      let clientSecret = form.get('client_secret') ?? undefined;
      let clientAuth = 'body';
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (basic) {
        const [id = '', secret = ''] = Buffer.from(basic, 'base64').toString('utf8').split(':').map((p) => decodeURIComponent(p.replace(/\+/g, ' ')));
        [clientId, clientSecret, clientAuth] = [id, secret, 'basic'];
      }
      const grantType = form.get('grant_type') ?? '';
      const record: TokenRequestRecord = { grantType, clientId, clientAuth, ok: false };
      this.tokenLog.push(record);
      const fail = (status: number, error: string) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error, error_description: `simulated ${error}` }));
        return status;
      };
      const known = clientId !== undefined && options.clients[clientId] !== undefined;
      if (grantType === 'client_credentials') {
        if (!known || options.clients[clientId!] !== clientSecret) return fail(401, 'invalid_client');
      } else if (grantType === 'refresh_token') {
        if (clientSecret !== undefined && (!known || options.clients[clientId!] !== clientSecret)) return fail(401, 'invalid_client');
        const presented = form.get('refresh_token') ?? '';
        if (!refreshTokens.has(presented)) return fail(400, 'invalid_grant');
        if (options.rotateRefreshTokens) refreshTokens.delete(presented);
      } else {
        return fail(400, 'unsupported_grant_type');
      }
      const accessToken = `sim-access-${randomBytes(9).toString('hex')}`;
      this.everIssued.push(accessToken);
      this.tokens.set(accessToken, { uses: 0, expiresAt: this.now() + expiresIn * 1000, clientId: clientId ?? '' });
      const answer: Record<string, unknown> = { access_token: accessToken, token_type: 'bearer', expires_in: expiresIn };
      if (grantType === 'refresh_token' && options.rotateRefreshTokens) {
        const next = `sim-refresh-${randomBytes(9).toString('hex')}`;
        refreshTokens.add(next);
        answer.refresh_token = next;
      }
      record.ok = true;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(answer));
      return 200;
    };
    return this;
  }

  /** The vendor forgets every access token it issued (a key rollover, a revocation): the next call with one gets 401. */
  revokeTokens(): this {
    this.tokens.clear();
    return this;
  }

  /** Every access token the token endpoint issued. */
  issuedTokens(): string[] {
    return [...this.everIssued];
  }

  /** Token requests received, in order. */
  tokenRequests(): TokenRequestRecord[] {
    return this.tokenLog;
  }

  requests(path: string): RecordedRequest[] {
    return this.route(path).requests;
  }

  count(path: string): number {
    return this.route(path).requests.length;
  }

  private guard(path: string, guard: Guard): this {
    this.route(path).guard = guard;
    return this;
  }

  private route(path: string): Route {
    let route = this.routes.get(path);
    if (!route) {
      route = { response: { status: 404, json: { error: 'no such route' } }, faults: [], requests: [], guard: undefined, handler: undefined };
      this.routes.set(path, route);
    }
    return route;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.pauses.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.pauses.add(wake);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: '', at: this.now(), status: 0 };
    const url = new URL(req.url ?? '/', this.baseUrl);
    const route = this.route(url.pathname);
    route.requests.push(record);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    record.body = Buffer.concat(chunks).toString('utf8');

    const fault = route.faults.shift();
    if (fault?.kind !== 'stall' && fault !== undefined) {
      record.status = await this.answerFault(fault, req, res, record);
      return;
    }
    if (fault?.kind === 'stall') await this.pause(fault.ms);

    if (route.guard && !route.guard(req, url)) {
      record.status = 401;
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"' }).end('{"error":"invalid credentials"}');
      return;
    }
    if (route.handler) {
      record.status = route.handler(req, record.body, res);
      return;
    }
    const { status = 200, headers = {}, json, raw } = route.response;
    record.status = status;
    if (raw !== undefined) {
      res.writeHead(status, { 'content-type': 'application/octet-stream', ...headers }).end(raw);
    } else {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json ?? null));
    }
  }

  private async answerFault(fault: Exclude<Fault, { kind: 'stall' }>, req: IncomingMessage, res: ServerResponse, record: RecordedRequest): Promise<number> {
    switch (fault.kind) {
      case 'status':
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }).end(fault.body ?? '{"error":"simulated"}');
        return fault.status;
      case 'stall-body': {
        const body = JSON.stringify({ id: 'ch_1', padding: 'x'.repeat(64) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
        res.write(body.slice(0, body.length / 2));
        await this.pause(fault.ms);
        if (!res.destroyed) res.end(body.slice(body.length / 2));
        return 200;
      }
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return 200;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "ch_1", "amount": 10');
        return 200;
      case 'oversize': {
        const unit = '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",';
        const count = Math.ceil(fault.bytes / unit.length);
        const total = 1 + count * unit.length + 2;
        res.writeHead(200, { 'content-type': 'application/json', ...(fault.declareLength ? { 'content-length': String(total) } : {}) });
        res.write('[');
        record.sentBytes = 1;
        record.closedEarly = false;
        res.once('close', () => (record.closedEarly = !res.writableFinished));
        const block = unit.repeat(1024);
        let left = count;
        while (left > 0 && !res.destroyed) {
          const n = Math.min(left, 1024);
          const ok = res.write(n === 1024 ? block : unit.repeat(n));
          left -= n;
          record.sentBytes += n * unit.length;
          if (!ok) await drainOrClose(res);
        }
        if (!res.destroyed) {
          res.end('0]');
          record.sentBytes += 2;
        }
        return 200;
      }
      case 'redirect':
        res.writeHead(fault.status, { location: fault.location }).end();
        return fault.status;
      case 'reset':
        req.socket.destroy();
        return 0;
      case 'reset-mid-body': {
        const body = JSON.stringify({ id: 'ch_1', padding: 'x'.repeat(256) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
        res.write(body.slice(0, 100));
        record.sentBytes = 100;
        record.closedEarly = true;
        await this.pause(20);
        req.socket.destroy();
        return 200;
      }
      case 'answer':
        res.writeHead(fault.status, fault.headers).end(fault.body);
        return fault.status;
      case 'drip': {
        const body = `{"padding":"${'x'.repeat(Math.max(0, fault.bytes - 15))}"}`;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
        record.sentBytes = 0;
        record.closedEarly = false;
        res.once('close', () => (record.closedEarly = !res.writableFinished));
        for (let i = 0; i < body.length && !res.destroyed; i++) {
          res.write(body[i]);
          record.sentBytes++;
          await this.pause(fault.intervalMs);
        }
        if (!res.destroyed) res.end();
        return 200;
      }
    }
  }
}

/** Resolves when a response can take more data or has closed; leaves no listener behind. */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
}
