/** When a vendor says the probe may try again, and which header said so. */
export interface WaitHint {
  /** Milliseconds since the epoch. */
  until: number;
  source: string;
}

type Headers = Readonly<Record<string, string>>;

/** A delta of seconds, or an absolute epoch time in seconds or milliseconds (GitHub and Twitter send epoch seconds). */
function resetTime(value: string, now: number): number | undefined {
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n < 0) return undefined;
  if (n > 1e12) return n;
  if (n > 1e9) return n * 1000;
  return now + n * 1000;
}

/** `Retry-After`: delay-seconds or an HTTP-date (RFC 9110 10.2.3). */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return now + Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(now, date);
}

/**
 * The IETF `RateLimit` field, in both drafts' syntax: `limit=100, remaining=0, reset=30` and the
 * structured `"default";r=0;t=30`. Returns remaining and reset (delta seconds) of the first policy.
 */
function parseRateLimitField(value: string): { remaining?: number; reset?: number } {
  const out: { remaining?: number; reset?: number } = {};
  for (const [, key, , raw] of value.matchAll(/(?:^|[\s,;])(remaining|reset|r|t)=("?)(\d+(?:\.\d+)?)\2/g)) {
    const n = Number(raw);
    if (key === 'remaining' || key === 'r') out.remaining ??= n;
    else out.reset ??= n;
  }
  return out;
}

function firstOf(headers: Headers, names: readonly string[]): [string, string] | undefined {
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined && value.trim() !== '') return [name, value];
  }
  return undefined;
}

const RESET_HEADERS = ['ratelimit-reset', 'x-ratelimit-reset-after', 'x-ratelimit-reset', 'x-rate-limit-reset'] as const;
const REMAINING_HEADERS = ['ratelimit-remaining', 'x-ratelimit-remaining', 'x-rate-limit-remaining'] as const;

/** When the quota named by `RateLimit-*`/`X-RateLimit-*` headers is back, and how much is left. */
function quotaReset(headers: Headers, now: number): { remaining: number | undefined; hint: WaitHint | undefined } {
  const field = headers['ratelimit'] !== undefined ? parseRateLimitField(headers['ratelimit']) : {};
  const remainingHeader = firstOf(headers, REMAINING_HEADERS);
  const remaining = field.remaining ?? (remainingHeader ? Number(remainingHeader[1]) : undefined);
  if (field.reset !== undefined) return { remaining, hint: { until: now + field.reset * 1000, source: 'RateLimit' } };
  const reset = firstOf(headers, RESET_HEADERS);
  if (!reset) return { remaining, hint: undefined };
  // `x-ratelimit-reset-after` and the IETF `ratelimit-reset` are always a delta.
  const until = reset[0] === 'x-ratelimit-reset-after' || reset[0] === 'ratelimit-reset' ? now + Number(reset[1]) * 1000 : resetTime(reset[1], now);
  if (until === undefined || !Number.isFinite(until)) return { remaining, hint: undefined };
  return { remaining, hint: { until, source: canonicalName(reset[0]) } };
}

function canonicalName(header: string): string {
  return header.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => `${dash}${c.toUpperCase()}`).replace('Ratelimit', 'RateLimit');
}

/**
 * For a 429 or 503 answer: when the vendor wants the next request. `Retry-After` wins; otherwise a
 * quota reset header. Undefined when the answer says nothing (backoff decides then).
 */
export function retryHint(headers: Headers, now: number): WaitHint | undefined {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    const until = parseRetryAfter(retryAfter, now);
    if (until !== undefined) return { until, source: 'Retry-After' };
  }
  return quotaReset(headers, now).hint;
}

/**
 * For any answer: when the quota is used up (remaining 0) and a reset is named, the time every
 * monitor of the host should wait for. Undefined while quota remains.
 */
export function quotaExhausted(headers: Headers, now: number): WaitHint | undefined {
  const { remaining, hint } = quotaReset(headers, now);
  return remaining === 0 && hint !== undefined && hint.until > now ? hint : undefined;
}
