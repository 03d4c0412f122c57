import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from './db.js';
import { alertOutbox } from './schema.js';

export type OutboxRow = typeof alertOutbox.$inferSelect;

/**
 * Claims the next due delivery for one of `channels`, in one statement: the row is picked with
 * `FOR UPDATE SKIP LOCKED` (so workers sharing the database never pick the same row), then locked
 * by `workerId` and its attempt counted. Returns undefined when nothing is due.
 */
export async function claimOutbox(db: Database, workerId: string, channels: readonly string[]): Promise<OutboxRow | undefined> {
  if (channels.length === 0) return undefined;
  const next = db
    .select({ id: alertOutbox.id })
    .from(alertOutbox)
    .where(
      and(
        eq(alertOutbox.status, 'pending'),
        isNull(alertOutbox.lockedAt),
        lte(alertOutbox.runAfter, sql`now()`),
        inArray(alertOutbox.channel, [...channels]),
      ),
    )
    .orderBy(asc(alertOutbox.runAfter), asc(alertOutbox.id))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db
    .update(alertOutbox)
    .set({ attempts: sql`${alertOutbox.attempts} + 1`, lockedBy: workerId, lockedAt: sql`now()` })
    .where(inArray(alertOutbox.id, next))
    .returning();
  return row;
}
