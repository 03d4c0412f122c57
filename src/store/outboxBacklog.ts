import { sql } from 'drizzle-orm';
import type { Database } from './db.js';

/** Alert outbox rows waiting for delivery (every replica's, since they share the table). */
export async function outboxBacklog(db: Database): Promise<number> {
  const result = (await db.execute(sql`select count(*)::int as pending from alert_outbox where status = 'pending'`)) as unknown as {
    rows: { pending: number }[];
  };
  return Number(result.rows[0]?.pending ?? 0);
}
