import type { Clock } from '../../src/probe/clock.js';

/**
 * A clock that runs with real time but whose sleeps return at once and move it forward instead:
 * a probe that waits 30 s for a Retry-After takes no real time, and a simulator on the same clock
 * records the retry 30 s later. Every sleep is recorded.
 */
export class VirtualClock implements Clock {
  private offset = 0;
  readonly sleeps: number[] = [];

  /** Monotonic (the wall clock may step back a millisecond while the system clock is adjusted), whole milliseconds. */
  now(): number {
    return Math.floor(performance.timeOrigin + performance.now()) + this.offset;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.offset += Math.max(0, ms);
    await Promise.resolve();
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}
