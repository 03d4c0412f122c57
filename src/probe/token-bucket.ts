import type { Clock } from './clock.js';

export interface BucketLimits {
  /** Requests per second, sustained. */
  rps: number;
  /** Requests allowed back to back after a quiet spell. */
  burst: number;
}

/** The bucket has no slot for this request before the caller's deadline. */
export class RateLimitWaitError extends Error {
  readonly waitMs: number;
  readonly blockedBy: string | undefined;
  constructor(waitMs: number, blockedBy: string | undefined) {
    super(`no request slot for ${Math.ceil(waitMs / 1000)} s`);
    this.name = 'RateLimitWaitError';
    this.waitMs = waitMs;
    this.blockedBy = blockedBy;
  }
}

/**
 * A token bucket in its GCRA form (the "virtual scheduling" of ITU-T I.371): each request reserves
 * the next slot, slots are 1/rps apart, and up to `burst` may be taken at once after a quiet spell.
 * Over any interval of t seconds at most `burst + rps * t` requests start. Waiters are served in
 * the order they asked; a vendor's "come back at" (Retry-After, a quota reset) pushes every
 * later slot past that time.
 */
export class TokenBucket {
  private intervalMs: number;
  private toleranceMs: number;
  /** Theoretical arrival time of the next request, epoch ms. */
  private tat = 0;
  private blockedBy: string | undefined;
  private blockedUntil = 0;

  constructor(
    limits: BucketLimits,
    private readonly clock: Clock,
  ) {
    this.intervalMs = 1000 / limits.rps;
    this.toleranceMs = (limits.burst - 1) * this.intervalMs;
  }

  get limits(): BucketLimits {
    return { rps: 1000 / this.intervalMs, burst: Math.round(this.toleranceMs / this.intervalMs) + 1 };
  }

  configure(limits: BucketLimits): void {
    this.intervalMs = 1000 / limits.rps;
    this.toleranceMs = (limits.burst - 1) * this.intervalMs;
  }

  /** No request starts before `until`; after it, requests resume at the sustained rate. */
  blockUntil(until: number, source: string): void {
    if (until <= this.blockedUntil) return;
    this.blockedUntil = until;
    this.blockedBy = source;
    this.tat = Math.max(this.tat, until + this.toleranceMs);
  }

  /**
   * Waits for a slot. Throws RateLimitWaitError, without taking a slot, when the slot would come
   * after `deadline`; rejects with the signal's reason when it aborts while waiting.
   */
  async take(signal: AbortSignal | undefined, deadline = Infinity): Promise<void> {
    const now = this.clock.now();
    const tat = Math.max(this.tat, now);
    const startAt = tat - this.toleranceMs;
    const waitMs = Math.max(0, startAt - now);
    if (now + waitMs > deadline) throw new RateLimitWaitError(waitMs, this.blockedUntil > now ? this.blockedBy : undefined);
    this.tat = tat + this.intervalMs;
    if (waitMs > 0) await this.clock.sleep(waitMs, signal);
  }
}
