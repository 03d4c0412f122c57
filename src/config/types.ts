import type { Level } from '../diff/types.js';
import type { JsonValue } from '../schema/types.js';

export type MonitorKind = 'endpoint' | 'openapi' | 'jsonschema';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
export type AlertChannelName = 'slack' | 'email' | 'stdout';

export interface RequestSpec {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: JsonValue | undefined;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Time allowed to open the connection (TCP and TLS). */
  connectTimeoutMs: number;
  /** Time allowed from sending the request to receiving the whole response head. */
  headersTimeoutMs: number;
  /** Time allowed from the response head to the last byte of the body. */
  bodyTimeoutMs: number;
  /** Redirects followed before the answer counts as final; 0 follows none. */
  maxRedirects: number;
}

/** How a probe proves who it is. Every credential value is also listed in `Monitor.secrets`. */
export type AuthSpec =
  | { type: 'apiKey'; in: 'header' | 'query'; name: string; prefix: string; keys: string[] }
  | { type: 'bearer'; tokens: string[] }
  | { type: 'basic'; username: string; password: string }
  | {
      type: 'oauth2';
      grant: 'client_credentials' | 'refresh_token';
      tokenUrl: string;
      clientId: string;
      clientSecret: string | undefined;
      refreshToken: string | undefined;
      scope: string | undefined;
      audience: string | undefined;
      /** How the client authenticates at the token endpoint: HTTP Basic (RFC 6749 2.3.1) or form fields. */
      clientAuth: 'basic' | 'body';
      /** A cached token is replaced this long before its `expires_in` runs out. */
      refreshAheadMs: number;
    };

export interface RetrySpec {
  /** Attempts in all, the first included; 1 disables retries. */
  maxAttempts: number;
  /** Cap of the first backoff; each later one doubles, up to `maxDelayMs` (full jitter: uniform in [0, cap)). */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Bound on one probe's total time: attempts, backoff, rate-limit waits and token requests. */
  maxElapsedMs: number;
  /** Also retry POST and PATCH (never retried by default: the vendor may have acted on the first). */
  nonIdempotent: boolean;
}

/** Per-host limits: monitors of one host share one token bucket, bulkhead and breaker; the lowest setting wins. */
export interface RateLimitSpec {
  rps?: number;
  burst?: number;
  concurrency?: number;
}

export interface CircuitBreakerSpec {
  /** Consecutive failed probes of a host that open its circuit. */
  threshold?: number;
  /** How long the circuit stays open before one trial probe may pass. */
  halfOpenAfterMs?: number;
}

/** A validated monitor with `${ENV}` references resolved. */
export interface Monitor {
  name: string;
  kind: MonitorKind;
  /** The file it was loaded from, for messages. */
  file: string;
  description: string | undefined;
  schedule: string;
  timezone: string;
  request: RequestSpec;
  learnSamples: number;
  ignore: string[];
  operations: string[] | undefined;
  /** openapi monitors: URL prefixes external `$ref`s may be fetched from; empty: none are. */
  externalRefs: string[];
  alert: {
    channels: AlertChannelName[] | undefined;
    minLevel: Level;
    confirm: number | undefined;
    /** `24h`, `30m`, `never`; undefined: the default. */
    remindAfter: string | undefined;
    failingAfter: number | undefined;
  };
  /** Values that came from the environment or secret files: never logged, stored or sent. */
  secrets: string[];
  auth: AuthSpec | undefined;
  retry: RetrySpec;
  /** Only what the monitor file sets; host defaults fill the rest (src/probe/host-policies.ts). */
  rateLimit: RateLimitSpec;
  circuitBreaker: CircuitBreakerSpec;
}

export const DEFAULT_SCHEDULE = '*/15 * * * *';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Spec documents are larger than responses: Stripe's is about 7 MB, GitHub's about 11 MB. */
export const DEFAULT_SPEC_MAX_BODY_BYTES = 32 * 1024 * 1024;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_RETRY: RetrySpec = { maxAttempts: 3, initialDelayMs: 500, maxDelayMs: 30_000, maxElapsedMs: 60_000, nonIdempotent: false };
export const DEFAULT_RATE_LIMIT: Required<RateLimitSpec> = { rps: 5, burst: 10, concurrency: 8 };
export const DEFAULT_CIRCUIT_BREAKER: Required<CircuitBreakerSpec> = { threshold: 5, halfOpenAfterMs: 30_000 };
export const DEFAULT_API_KEY_HEADER = 'X-API-Key';
export const DEFAULT_API_KEY_QUERY = 'api_key';
export const DEFAULT_REFRESH_AHEAD_MS = 60_000;
