import { Agent, interceptors, request, type Dispatcher } from 'undici';
import type { RequestSpec } from '../config/types.js';
import { ProbeFailure, failureKindForStatus } from './failure.js';
import { displayUrl, redactSecrets } from './redact.js';

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

export interface HttpOptions {
  /** Values to keep out of error messages. */
  secrets?: readonly string[];
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
  maxRedirections?: number;
}

export const DEFAULT_MAX_REDIRECTIONS = 5;

let sharedDispatcher: Dispatcher | undefined;

function defaultDispatcher(): Dispatcher {
  sharedDispatcher ??= new Agent({ connect: { timeout: 10_000 } }).compose(
    interceptors.redirect({ maxRedirections: DEFAULT_MAX_REDIRECTIONS }),
  );
  return sharedDispatcher;
}

/** The full URL of a request: `request.url` with `request.query` appended. */
export function requestUrl(spec: Pick<RequestSpec, 'url' | 'query'>): string {
  const url = new URL(spec.url);
  for (const [key, value] of Object.entries(spec.query)) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * One HTTP exchange with a whole-request timeout and a body size cap. Any non-2xx status, a timeout,
 * a network error or an oversized body ends as a ProbeFailure whose message names the URL.
 */
export async function httpRequest(spec: RequestSpec, options: HttpOptions = {}): Promise<HttpResponse> {
  const secrets = options.secrets ?? [];
  const url = requestUrl(spec);
  const shown = displayUrl(url, secrets);
  const timeout = AbortSignal.timeout(spec.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'driftwatch', ...spec.headers };
  let body: string | undefined;
  if (spec.body !== undefined) {
    body = JSON.stringify(spec.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }

  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: spec.method,
      headers,
      body,
      signal,
      dispatcher: options.dispatcher ?? defaultDispatcher(),
      headersTimeout: spec.timeoutMs,
      bodyTimeout: spec.timeoutMs,
    });
  } catch (error) {
    throw toFailure(error, shown, spec.timeoutMs, timeout, secrets);
  }

  const responseHeaders = flattenHeaders(response.headers);
  if (response.statusCode < 200 || response.statusCode >= 300) {
    await response.body.dump().catch(() => undefined);
    const kind = failureKindForStatus(response.statusCode);
    throw new ProbeFailure(kind, `${spec.method} ${shown} answered HTTP ${response.statusCode}${kind === 'auth' ? ' (credentials rejected)' : ''}`, {
      httpStatus: response.statusCode,
    });
  }

  const declared = Number(responseHeaders['content-length']);
  if (Number.isFinite(declared) && declared > spec.maxBodyBytes) {
    response.body.destroy();
    throw tooLarge(spec, shown, response.statusCode);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > spec.maxBodyBytes) {
        response.body.destroy();
        throw tooLarge(spec, shown, response.statusCode);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof ProbeFailure) throw error;
    throw toFailure(error, shown, spec.timeoutMs, timeout, secrets);
  }
  return { status: response.statusCode, headers: responseHeaders, body: Buffer.concat(chunks), url };
}

function tooLarge(spec: RequestSpec, shown: string, status: number): ProbeFailure {
  return new ProbeFailure('too-large', `${spec.method} ${shown} sent a body over the ${spec.maxBodyBytes}-byte cap`, { httpStatus: status });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function toFailure(error: unknown, shown: string, timeoutMs: number, timeout: AbortSignal, secrets: readonly string[]): ProbeFailure {
  const err = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  if (timeout.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new ProbeFailure('timeout', `${shown} did not answer within ${timeoutMs} ms`, { cause: error });
  }
  if (err.name === 'AbortError' || code === 'UND_ERR_ABORTED') {
    return new ProbeFailure('network', `request to ${shown} was cancelled`, { cause: error });
  }
  if (code === 'UND_ERR_REQ_RETRY' || /redirect/i.test(err.message ?? '')) {
    return new ProbeFailure('network', `${shown}: ${redactSecrets(err.message ?? 'too many redirects', secrets)}`, { cause: error });
  }
  const detail = code || err.message || String(error);
  return new ProbeFailure('network', `cannot reach ${shown}: ${redactSecrets(detail, secrets)}`, { cause: error });
}
