/**
 * How a probe failed. `http-<status>` covers any other non-2xx answer. Each fault a vendor can
 * throw at a probe has a kind of its own (the README's Failures table says when each applies).
 */
export type FailureKind =
  | 'auth'
  | 'rate-limited'
  | 'timeout'
  | `http-${number}`
  | 'not-json'
  | 'empty-body'
  | 'invalid-json'
  | 'too-deep'
  | 'invalid-spec'
  | 'too-large'
  | 'vendor-unavailable'
  | 'connection-reset'
  | 'dns'
  | 'tls'
  | 'redirect-loop'
  | 'network'
  | 'invalid-monitor';

/** Failures of the transport: the vendor may be down or unreachable. They count toward opening a host's circuit. */
export const TRANSPORT_FAILURES: ReadonlySet<FailureKind> = new Set<FailureKind>(['network', 'dns', 'tls', 'connection-reset', 'timeout']);

const BRAND = Symbol.for('driftwatch.ProbeFailure');

/** A probe that did not yield an observation. It is reported, stored on the run, and never becomes a baseline. */
export class ProbeFailure extends Error {
  readonly [BRAND] = true;
  readonly kind: FailureKind;
  readonly httpStatus: number | undefined;
  /** A connection error or connect timeout: the request may not have reached the vendor, so another attempt may succeed. */
  readonly transient: boolean;
  constructor(kind: FailureKind, message: string, options: { httpStatus?: number; cause?: unknown; transient?: boolean } = {}) {
    super(printable(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProbeFailure';
    this.kind = kind;
    this.httpStatus = options.httpStatus;
    this.transient = options.transient ?? false;
  }
}

/**
 * A message with control characters written as `\u0000` escapes: a parser's message may quote the
 * vendor's bytes, and a NUL cannot be stored in a text column nor should a terminal get an escape.
 */
export function printable(message: string): string {
  return message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function isProbeFailure(value: unknown): value is ProbeFailure {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** The failure kind an HTTP status maps to, for a non-2xx answer. */
export function failureKindForStatus(status: number): FailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate-limited';
  return `http-${status}`;
}
