import { describe, expect, it } from 'vitest';
import { parseRetryAfter, quotaExhausted, retryHint } from '../../src/probe/retry-after.js';

const now = Date.UTC(2025, 0, 15, 12, 0, 0);

describe('when a vendor says to come back', () => {
  it('reads Retry-After as delay-seconds', () => {
    expect(retryHint({ 'retry-after': '30' }, now)).toEqual({ until: now + 30_000, source: 'Retry-After' });
  });

  it('reads Retry-After as an HTTP date, and a date in the past as now', () => {
    expect(retryHint({ 'retry-after': 'Wed, 15 Jan 2025 12:01:30 GMT' }, now)).toEqual({ until: now + 90_000, source: 'Retry-After' });
    expect(parseRetryAfter('Wed, 15 Jan 2025 11:00:00 GMT', now)).toBe(now);
  });

  it('ignores a Retry-After it cannot read and falls back to the quota headers', () => {
    expect(retryHint({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryHint({ 'retry-after': 'soon', 'x-ratelimit-reset': String(now / 1000 + 12) }, now)).toEqual({ until: now + 12_000, source: 'X-RateLimit-Reset' });
  });

  it.each<[string, Record<string, string>, number, string]>([
    ['GitHub: X-RateLimit-Reset in epoch seconds', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 40) }, 40_000, 'X-RateLimit-Reset'],
    ['X-RateLimit-Reset as a delta in seconds', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '15' }, 15_000, 'X-RateLimit-Reset'],
    ['X-RateLimit-Reset in epoch milliseconds', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now + 5000) }, 5000, 'X-RateLimit-Reset'],
    ['Discord: X-RateLimit-Reset-After in seconds', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '2.5' }, 2500, 'X-RateLimit-Reset-After'],
    ['IETF draft: RateLimit-Reset as a delta', { 'ratelimit-remaining': '0', 'ratelimit-reset': '20' }, 20_000, 'RateLimit-Reset'],
    ['IETF draft: one RateLimit field', { ratelimit: 'limit=100, remaining=0, reset=50' }, 50_000, 'RateLimit'],
    ['IETF draft: structured RateLimit field', { ratelimit: '"default";r=0;t=7' }, 7000, 'RateLimit'],
  ])('reads %s', (_label, headers, waitMs, source) => {
    expect(retryHint(headers, now)).toEqual({ until: now + waitMs, source });
    expect(quotaExhausted(headers, now)).toEqual({ until: now + waitMs, source });
  });

  it('does not hold a host back while quota remains', () => {
    expect(quotaExhausted({ 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': String(now / 1000 + 40) }, now)).toBeUndefined();
    expect(quotaExhausted({ ratelimit: 'limit=100, remaining=3, reset=50' }, now)).toBeUndefined();
    expect(quotaExhausted({ 'x-ratelimit-remaining': '0' }, now)).toBeUndefined();
  });
});
