import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './db.js';
import { alertOutbox } from './schema.js';

export interface RetryPolicy {
  /** Delay before the second attempt; it doubles with each attempt after. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts after which a delivery is given up (`dead`, kept for inspection). */
  maxAttempts: number;
}

/** About two days of attempts before a delivery is given up: long enough to outlast a weekend-long outage of the far end. */
export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 5_000, maxDelayMs: 60 * 60_000, maxAttempts: 72 };

export interface FailedDelivery {
  status: 'pending' | 'dead';
  attempts: number;
  /** Milliseconds until the next attempt (as the database computed it). */
  retryInMs: number;
}

/**
 * Records a failed attempt and releases the lock. The database computes the next attempt: exponential
 * backoff from `baseDelayMs`, capped at `maxDelayMs`, with full jitter over its upper half, and never
 * sooner than `notBeforeMs` (a `Retry-After` the channel was given). Does nothing when `workerId` no
 * longer holds the lock (it expired and another worker took the row).
 */
export async function failOutbox(
  db: Database,
  failure: { id: number; workerId: string; error: string; notBeforeMs?: number | undefined },
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<FailedDelivery | undefined> {
  const backoffMs = sql`least(${policy.maxDelayMs}::float8, ${policy.baseDelayMs}::float8 * power(2, greatest(${alertOutbox.attempts} - 1, 0))) * (0.5 + random() * 0.5)`;
  const delayMs = sql`greatest(${backoffMs}, ${Math.max(0, failure.notBeforeMs ?? 0)}::float8)`;
  const [row] = await db
    .update(alertOutbox)
    .set({
      status: sql`case when ${alertOutbox.attempts} >= ${policy.maxAttempts} then 'dead' else 'pending' end`,
      runAfter: sql`now() + ${delayMs} * interval '1 millisecond'`,
      lastError: failure.error.slice(0, 2000),
      lockedBy: null,
      lockedAt: null,
    })
    .where(and(eq(alertOutbox.id, failure.id), eq(alertOutbox.lockedBy, failure.workerId), eq(alertOutbox.status, 'pending')))
    .returning({
      status: alertOutbox.status,
      attempts: alertOutbox.attempts,
      retryInMs: sql<number>`(extract(epoch from ${alertOutbox.runAfter} - now()) * 1000)::float8`,
    });
  if (!row) return undefined;
  return { status: row.status as FailedDelivery['status'], attempts: row.attempts, retryInMs: Number(row.retryInMs) };
}
