import { sql } from 'drizzle-orm';
import type { Database } from './db.js';

export interface ChannelBacklog {
  channel: string;
  /** Deliveries not yet made (due now, waiting for a retry, or being delivered). */
  pending: number;
  /** Deliveries given up after the last attempt. */
  dead: number;
  /** Milliseconds until the earliest pending delivery is due (0 when one is due now); undefined when none is pending. */
  nextDueInMs: number | undefined;
  /** Age of the oldest pending delivery in milliseconds. */
  oldestPendingMs: number | undefined;
}

/** What is waiting in the outbox, per channel: for the CLI's wait, warnings, and metrics. */
export async function outboxBacklog(db: Database): Promise<ChannelBacklog[]> {
  const result = (await db.execute(sql`
    select channel,
           count(*) filter (where status = 'pending')::int as pending,
           count(*) filter (where status = 'dead')::int as dead,
           (extract(epoch from min(run_after) filter (where status = 'pending' and locked_at is null) - now()) * 1000)::float8 as next_due_ms,
           (extract(epoch from now() - min(created_at) filter (where status = 'pending')) * 1000)::float8 as oldest_ms
      from alert_outbox
     where status in ('pending', 'dead')
     group by channel
     order by channel`)) as unknown as { rows: { channel: string; pending: number; dead: number; next_due_ms: number | string | null; oldest_ms: number | string | null }[] };
  return result.rows.map((r) => ({
    channel: r.channel,
    pending: Number(r.pending),
    dead: Number(r.dead),
    nextDueInMs: r.next_due_ms === null ? undefined : Math.max(0, Number(r.next_due_ms)),
    oldestPendingMs: r.oldest_ms === null ? undefined : Number(r.oldest_ms),
  }));
}
