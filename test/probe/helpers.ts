import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_RETRY, type RequestSpec } from '../../src/config/types.js';
import type { ProbeSettings } from '../../src/probe/http.js';

/** A GET request spec with the defaults a monitor file would give it. */
export function get(url: string, overrides: Partial<RequestSpec> = {}): RequestSpec {
  return {
    method: 'GET',
    url,
    headers: {},
    query: {},
    body: undefined,
    timeoutMs: 30_000,
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
    headersTimeoutMs: 30_000,
    bodyTimeoutMs: 30_000,
    maxRedirects: DEFAULT_MAX_REDIRECTS,
    ...overrides,
  };
}

/** Monitor settings with generous host limits, so that only what a test sets shapes its timing. */
export function settings(overrides: Partial<ProbeSettings> = {}): ProbeSettings {
  return {
    name: 'probe-test',
    secrets: [],
    retry: { ...DEFAULT_RETRY },
    rateLimit: { rps: 10_000, burst: 10_000 },
    circuitBreaker: {},
    ...overrides,
  };
}
