import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/probe/clock.js';
import { RateLimitWaitError, TokenBucket } from '../../src/probe/token-bucket.js';

/** A clock that stands still; each sleep records when its sleeper would wake. */
function frozenClock(at: number): Clock & { wakes: number[] } {
  const wakes: number[] = [];
  return { wakes, now: () => at, sleep: async (ms) => void wakes.push(at + ms) };
}

/** The largest number of starts in any window of `windowMs` beginning at a start. */
function busiestWindow(starts: number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  return Math.max(...sorted.map((t) => sorted.filter((u) => u >= t && u < t + windowMs).length));
}

describe('the token bucket of a host', () => {
  it('lets a burst through at once, then spaces requests at the rate, in the order they asked', async () => {
    const clock = frozenClock(1_000_000);
    const bucket = new TokenBucket({ rps: 10, burst: 5 }, clock);
    const starts: number[] = [];
    for (let i = 0; i < 50; i++) {
      const before = clock.wakes.length;
      await bucket.take(undefined);
      starts.push(clock.wakes.length > before ? clock.wakes.at(-1)! : clock.now());
    }
    expect(starts.slice(0, 5)).toEqual(Array(5).fill(1_000_000));
    expect(starts.slice(5, 8)).toEqual([1_000_100, 1_000_200, 1_000_300]);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(busiestWindow(starts, 1000)).toBe(5 + 10 - 1);
  });

  it('holds every request back until a vendor-named time, then resumes at the rate', async () => {
    const clock = frozenClock(1_000_000);
    const bucket = new TokenBucket({ rps: 10, burst: 5 }, clock);
    bucket.blockUntil(1_030_000, 'Retry-After');
    await bucket.take(undefined);
    await bucket.take(undefined);
    expect(clock.wakes).toEqual([1_030_000, 1_030_100]);
  });

  it('refuses, without taking a slot, a wait that ends past the caller deadline', async () => {
    const clock = frozenClock(1_000_000);
    const bucket = new TokenBucket({ rps: 1, burst: 1 }, clock);
    await bucket.take(undefined, 1_000_500);
    const refused = await bucket.take(undefined, 1_000_500).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitWaitError);
    expect((refused as RateLimitWaitError).waitMs).toBe(1000);
    await bucket.take(undefined);
    expect(clock.wakes).toEqual([1_001_000]);
  });
});
