import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './db.js';
import { alertOutbox } from './schema.js';

/**
 * Marks a claimed delivery done. It is marked even when the lock has meanwhile expired and another
 * worker holds it: the message went out, and the other worker's claim must not send it again.
 */
export async function completeOutbox(db: Database, id: number): Promise<void> {
  await db
    .update(alertOutbox)
    .set({ status: 'delivered', deliveredAt: sql`now()`, lockedBy: null, lockedAt: null, lastError: null })
    .where(and(eq(alertOutbox.id, id), eq(alertOutbox.status, 'pending')));
}
