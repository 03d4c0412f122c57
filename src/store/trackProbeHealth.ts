import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database } from './db.js';
import { alertNotices } from './schema.js';

export interface ProbeOutcome {
  monitorId: number;
  failed: boolean;
  runId: number;
  at: Date;
  /** Consecutive failures before the probe is reported failing; 0: never. */
  failingAfter: number;
  remindAfterMs: number | undefined;
}

export type ProbeHealthDecision =
  | { action: 'none' }
  | { action: 'failing'; noticeId: number; consecutiveFailures: number; failingSince: Date }
  | { action: 'remind'; noticeId: number; reminder: number; consecutiveFailures: number; failingSince: Date }
  | { action: 'recovered'; noticeId: number; failedProbes: number; failingSince: Date };

const SUBJECT = 'probe';

/**
 * Failure-streak bookkeeping for one probe, inside the transaction that records it: one notice row
 * per monitor counts consecutive failures (a success resets it). The streak reaching `failingAfter`
 * alerts once; a success after that alert is a recovery. The streak lives on the notice rather than
 * being recounted from `runs`, so a decision costs one row lock, not a scan of the run history.
 */
export async function trackProbeHealth(db: Database, outcome: ProbeOutcome): Promise<ProbeHealthDecision> {
  const mine = and(eq(alertNotices.monitorId, outcome.monitorId), eq(alertNotices.kind, 'probe-failing'), eq(alertNotices.subject, SUBJECT));
  if (!outcome.failed) {
    const [previous] = await db.select().from(alertNotices).where(and(mine, ne(alertNotices.status, 'closed'))).for('update');
    if (!previous) return { action: 'none' };
    await db.update(alertNotices).set({ status: 'closed', streak: 0, lastRunId: outcome.runId }).where(eq(alertNotices.id, previous.id));
    return previous.status === 'open'
      ? { action: 'recovered', noticeId: previous.id, failedProbes: previous.streak, failingSince: previous.firstSeenAt }
      : { action: 'none' };
  }

  const at = outcome.at;
  const closed = sql`${alertNotices.status} = 'closed'`;
  const [notice] = await db
    .insert(alertNotices)
    .values({ monitorId: outcome.monitorId, kind: 'probe-failing', subject: SUBJECT, status: 'seen', streak: 1, firstSeenAt: at, lastSeenAt: at, lastRunId: outcome.runId })
    .onConflictDoUpdate({
      target: [alertNotices.monitorId, alertNotices.kind, alertNotices.subject],
      set: {
        // A failure after a success starts a new episode: its own start, alert and reminders.
        streak: sql`case when ${closed} then 1 else ${alertNotices.streak} + 1 end`,
        status: sql`case when ${closed} then 'seen' else ${alertNotices.status} end`,
        firstSeenAt: sql`case when ${closed} then excluded.first_seen_at else ${alertNotices.firstSeenAt} end`,
        alertedAt: sql`case when ${closed} then null else ${alertNotices.alertedAt} end`,
        notifiedAt: sql`case when ${closed} then null else ${alertNotices.notifiedAt} end`,
        reminders: sql`case when ${closed} then 0 else ${alertNotices.reminders} end`,
        lastSeenAt: at,
        lastRunId: outcome.runId,
      },
    })
    .returning();
  if (!notice) throw new Error('alert notice upsert returned no row');

  if (notice.status === 'seen') {
    if (outcome.failingAfter === 0 || notice.streak < outcome.failingAfter) return { action: 'none' };
    await db.update(alertNotices).set({ status: 'open', alertedAt: at, notifiedAt: at }).where(eq(alertNotices.id, notice.id));
    return { action: 'failing', noticeId: notice.id, consecutiveFailures: notice.streak, failingSince: notice.firstSeenAt };
  }
  if (outcome.remindAfterMs === undefined || notice.notifiedAt === null) return { action: 'none' };
  if (at.getTime() - notice.notifiedAt.getTime() < outcome.remindAfterMs) return { action: 'none' };
  const reminder = notice.reminders + 1;
  await db.update(alertNotices).set({ notifiedAt: at, reminders: reminder }).where(eq(alertNotices.id, notice.id));
  return { action: 'remind', noticeId: notice.id, reminder, consecutiveFailures: notice.streak, failingSince: notice.firstSeenAt };
}
