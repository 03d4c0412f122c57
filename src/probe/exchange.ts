import { Agent, request, type Dispatcher } from 'undici';
import type { HttpMethod } from '../config/types.js';
import { abortReason } from './clock.js';
import { BodyTooLarge, readCapped } from './body-cap.js';
import { ProbeFailure } from './failure.js';
import { redactSecrets } from './redact.js';
import { redirectingDispatcher } from './redirects.js';
import { AttemptClock, describeTimeout, type AttemptTimeouts } from './timeouts.js';

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Empty for a non-2xx answer (its body is drained, not kept). */
  body: Buffer;
  /** The URL asked for (with its query). */
  url: string;
}

/** One HTTP request as it goes on the wire, credentials applied. */
export interface ExchangeRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  maxBodyBytes: number;
  timeouts: AttemptTimeouts;
  maxRedirects: number;
  /** Header names that carry credentials: dropped from a redirect that leaves the URL's origin. */
  credentialHeaders: readonly string[];
  /** Bytes of a non-2xx body to keep (an OAuth2 error answer); 0 drains it unread. */
  errorBodyBytes?: number;
}

export interface ExchangeContext {
  /** The caller's signal: aborting it aborts the socket and rejects with its reason (not a ProbeFailure). */
  signal?: AbortSignal | undefined;
  /** A dispatcher to use instead of the shared Agent (tests). */
  dispatcher?: Dispatcher | undefined;
  /** The URL fit to show in messages. */
  shown: string;
  secrets: readonly string[];
}

/** Connection errors after which the vendor may not have seen the request at all. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** The connection was cut (a TCP reset, or the vendor closed it before the answer was complete). */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
/** The host name did not resolve (for good, or for now: EAI_AGAIN). */
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);

/** A TLS failure: an untrusted, expired or mismatched certificate, or no TLS where TLS was expected. */
function isTlsCode(code: string): boolean {
  return /^(ERR_SSL_|ERR_TLS_|UNABLE_TO_)|CERT|SELF_SIGNED|SIGNATURE|^EPROTO$/.test(code);
}

const agents = new Map<number, Agent>();

/** One pooled Agent per connect timeout (undici sets that timeout per Agent). */
function agentFor(connectTimeoutMs: number): Agent {
  let agent = agents.get(connectTimeoutMs);
  if (!agent) agents.set(connectTimeoutMs, (agent = new Agent({ connect: { timeout: connectTimeoutMs } })));
  return agent;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * One attempt: connect, send, read the head and (for a 2xx) the body under the size cap, each
 * phase under its timeout. Every status comes back as a response; what it means is decided above.
 * Throws ProbeFailure for a timeout, a connection error or an oversized body, and the caller's
 * abort reason when the caller cancels.
 */
export async function exchange(req: ExchangeRequest, ctx: ExchangeContext): Promise<HttpResponse> {
  const clock = new AttemptClock(req.timeouts, ctx.signal);
  try {
    const dispatcher = redirectingDispatcher(ctx.dispatcher ?? agentFor(req.timeouts.connectMs), req.url, req.credentialHeaders, req.maxRedirects);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: clock.signal,
        dispatcher,
        headersTimeout: req.timeouts.headersMs,
        bodyTimeout: req.timeouts.bodyMs,
      });
    } catch (error) {
      throw failureOf(error, clock, ctx);
    }
    clock.headersReceived();
    const headers = flattenHeaders(response.headers);
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const keep = req.errorBodyBytes ?? 0;
      const body = keep > 0 ? await readCapped(response.body, undefined, keep).catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
      if (keep === 0) await response.body.dump().catch(() => undefined);
      return { status: response.statusCode, headers, body, url: req.url };
    }
    try {
      const body = await readCapped(response.body, headers['content-length'], req.maxBodyBytes);
      return { status: response.statusCode, headers, body, url: req.url };
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        throw new ProbeFailure('too-large', `${req.method} ${ctx.shown} sent a body over the ${req.maxBodyBytes}-byte cap (raise request.maxBodyBytes to accept it)`, { httpStatus: response.statusCode });
      }
      throw failureOf(error, clock, ctx);
    }
  } finally {
    clock.dispose();
  }
}

function failureOf(error: unknown, clock: AttemptClock, ctx: ExchangeContext): unknown {
  const timedOut = clock.timedOut;
  if (timedOut) {
    return new ProbeFailure('timeout', `${ctx.shown}: ${describeTimeout(timedOut.phase, timedOut.ms)}`, { cause: error });
  }
  if (ctx.signal?.aborted) return abortReason(ctx.signal);
  const err = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new ProbeFailure('timeout', `${ctx.shown}: ${describeTimeout('connect', clock.timeouts.connectMs)}`, { cause: error, transient: true });
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new ProbeFailure('timeout', `${ctx.shown}: ${describeTimeout('headers', clock.timeouts.headersMs)}`, { cause: error });
    case 'UND_ERR_BODY_TIMEOUT':
      return new ProbeFailure('timeout', `${ctx.shown}: the response body stalled for ${clock.timeouts.bodyMs} ms`, { cause: error });
  }
  const detail = redactSecrets(code || err.message || String(error), ctx.secrets);
  const transient = TRANSIENT_CODES.has(code);
  if (/redirect loop/i.test(err.message ?? '')) {
    return new ProbeFailure('redirect-loop', `${ctx.shown}: a redirect led back to a URL already visited (a redirect loop)`, { cause: error });
  }
  if (/redirect/i.test(err.message ?? '')) {
    return new ProbeFailure('network', `${ctx.shown}: ${redactSecrets(err.message ?? 'redirect failed', ctx.secrets)}`, { cause: error });
  }
  if (RESET_CODES.has(code)) {
    const what = err.message && err.message !== code ? `${code}, ${err.message}` : code;
    return new ProbeFailure('connection-reset', `${ctx.shown}: the connection was reset (${redactSecrets(what, ctx.secrets)})`, { cause: error, transient });
  }
  if (DNS_CODES.has(code)) {
    const host = hostOf(ctx.shown);
    return new ProbeFailure('dns', `cannot resolve ${host} for ${ctx.shown}: ${detail}`, { cause: error, transient });
  }
  if (isTlsCode(code)) {
    const what = err.message && err.message !== code ? `${code}: ${err.message}` : code;
    return new ProbeFailure('tls', `${ctx.shown}: TLS failed (${redactSecrets(what, ctx.secrets)})`, { cause: error });
  }
  return new ProbeFailure('network', `cannot reach ${ctx.shown}: ${detail}`, { cause: error, transient });
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
