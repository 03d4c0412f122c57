import { describe, expect, it } from 'vitest';
import { backoffDelays, fullJitterBackoff } from '../../src/probe/backoff.js';

describe('exponential backoff with full jitter', () => {
  it('doubles its cap from initialDelayMs up to maxDelayMs', () => {
    expect(backoffDelays(fullJitterBackoff({ initialDelayMs: 500, maxDelayMs: 3000 }, () => 0.999999), 6)).toEqual([499, 999, 1999, 2999, 2999, 2999]);
    expect(backoffDelays(fullJitterBackoff({ initialDelayMs: 500, maxDelayMs: 3000 }, () => 0), 3)).toEqual([0, 0, 0]);
  });

  it('spreads delays uniformly over [0, cap): many probes failing together do not retry together', () => {
    const samples = Array.from({ length: 4000 }, () => backoffDelays(fullJitterBackoff({ initialDelayMs: 1000, maxDelayMs: 30_000 }), 3)[2]!);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThan(4000);
    // Each quarter of [0, 4000) holds about a quarter of the samples (binomial sd ≈ 27; 200 is > 7 sd).
    const quarters = [0, 0, 0, 0];
    for (const s of samples) quarters[Math.floor(s / 1000)]!++;
    for (const q of quarters) expect(Math.abs(q - 1000)).toBeLessThan(200);
    expect(new Set(samples).size).toBeGreaterThan(2000);
  });
});
