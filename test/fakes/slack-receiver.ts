import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackPost {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** What the receiver answered. */
  status: number;
}

interface Fault {
  status: number;
  headers?: Record<string, string>;
  body: string;
  /** Accept the post (it counts as delivered) but answer only at `releaseHeld()`. */
  hold?: boolean;
}

/**
 * Stands in for Slack's incoming-webhook endpoint on loopback. It accepts posts to its hook path
 * (answering `ok`, as Slack does), 404s any other path (`no_service`), and answers scripted faults
 * on command: 500s, 429s with Retry-After. `posts` records every request; `delivered` the accepted ones.
 */
export class SlackReceiver {
  readonly hookPath = '/services/T00000000/B00000000/not-a-real-hook-3f9a';
  readonly posts: SlackPost[] = [];
  private readonly faults: Fault[] = [];
  private readonly held = new Set<() => void>();
  private server: Server | undefined;
  private port = 0;

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.releaseHeld();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** The port it listens on (to `start` again on the same one after a `stop`: an outage). */
  get listeningPort(): number {
    return this.port;
  }

  get webhookUrl(): string {
    return `http://127.0.0.1:${this.port}${this.hookPath}`;
  }

  /** Bodies Slack accepted, in order. */
  get delivered(): unknown[] {
    return this.posts.filter((p) => p.status === 200).map((p) => p.body);
  }

  /** The next `times` posts answer HTTP 500. */
  failNext(times: number, status = 500): this {
    for (let i = 0; i < times; i++) this.faults.push({ status, body: 'internal_error' });
    return this;
  }

  /** The next `times` posts answer 429 with `Retry-After: seconds`. */
  rateLimitNext(times: number, seconds: number): this {
    for (let i = 0; i < times; i++) this.faults.push({ status: 429, headers: { 'retry-after': String(seconds) }, body: 'rate_limited' });
    return this;
  }

  /**
   * The next `times` valid posts are accepted (Slack shows them: they count in `delivered`) but
   * answered only at `releaseHeld()`: a sender that dies meanwhile never learns they arrived.
   */
  holdNext(times: number): this {
    for (let i = 0; i < times; i++) this.faults.push({ status: 200, body: 'ok', hold: true });
    return this;
  }

  /** Answers the posts `holdNext` is holding. */
  releaseHeld(): this {
    for (const answer of [...this.held]) answer();
    this.held.clear();
    return this;
  }

  /** Drops the faults not yet answered: Slack is healthy again. */
  recover(): this {
    this.faults.length = 0;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // recorded as text
    }
    const record = (status: number) => this.posts.push({ path: req.url ?? '', headers: req.headers, body, status });
    if (req.method !== 'POST' || req.url !== this.hookPath) {
      record(404);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no_service');
      return;
    }
    const fault = this.faults.shift();
    if (fault?.hold) {
      record(200);
      await new Promise<void>((resolve) => this.held.add(resolve));
      if (!res.destroyed) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (fault) {
      record(fault.status);
      res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers }).end(fault.body);
      return;
    }
    if (typeof body !== 'object' || body === null || (!('text' in body) && !('blocks' in body))) {
      record(400);
      res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
      return;
    }
    record(200);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  }
}
