import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Database } from './db.js';
import { alertOutbox } from './schema.js';

/**
 * Unlocks deliveries whose worker claimed them more than `lockTimeoutMs` ago and never finished (it
 * crashed, or lost its database): they become due again. The timeout must exceed the longest send,
 * or a slow send could be repeated. Returns how many were released.
 */
export async function releaseStaleOutbox(db: Database, lockTimeoutMs: number): Promise<number> {
  const released = await db
    .update(alertOutbox)
    .set({ lockedBy: null, lockedAt: null, lastError: sql`coalesce(${alertOutbox.lastError}, 'lock expired: the worker stopped before it finished')` })
    .where(
      and(
        eq(alertOutbox.status, 'pending'),
        isNotNull(alertOutbox.lockedAt),
        lt(alertOutbox.lockedAt, sql`now() - ${lockTimeoutMs}::float8 * interval '1 millisecond'`),
      ),
    )
    .returning({ id: alertOutbox.id });
  return released.length;
}
