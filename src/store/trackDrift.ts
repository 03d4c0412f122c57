import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database } from './db.js';
import { alertNotices } from './schema.js';

export interface DriftSighting {
  monitorId: number;
  /** `<baseline version>:<fingerprint>` of the changes that alert; undefined when the probe saw none. */
  subject: string | undefined;
  runId: number;
  at: Date;
  /** Consecutive probes a drift must be seen on before it alerts. */
  confirm: number;
  /** Time after which an alerted drift that is still seen is reminded of; undefined: never. */
  remindAfterMs: number | undefined;
}

export type DriftDecision =
  | { action: 'none'; noticeId?: number; streak?: number }
  | { action: 'alert'; noticeId: number; streak: number; firstSeenAt: Date }
  | { action: 'remind'; noticeId: number; streak: number; reminder: number; firstSeenAt: Date; alertedAt: Date };

/**
 * Drift bookkeeping for one successful probe, inside the transaction that records it. Drifts of the
 * monitor other than the one seen now are closed (their streak ends); the one seen now has its
 * streak extended. It alerts once, when the streak reaches `confirm`, and is reminded of when it is
 * still seen `remindAfterMs` after the last alert or reminder. The notice row is locked by the
 * upsert, so concurrent runs of one monitor decide one after the other.
 */
export async function trackDrift(db: Database, sighting: DriftSighting): Promise<DriftDecision> {
  const others = and(eq(alertNotices.monitorId, sighting.monitorId), eq(alertNotices.kind, 'drift'), ne(alertNotices.status, 'closed'));
  await db
    .update(alertNotices)
    .set({ status: 'closed', streak: 0 })
    .where(sighting.subject === undefined ? others : and(others, ne(alertNotices.subject, sighting.subject)));
  if (sighting.subject === undefined) return { action: 'none' };

  const at = sighting.at;
  const [notice] = await db
    .insert(alertNotices)
    .values({ monitorId: sighting.monitorId, kind: 'drift', subject: sighting.subject, status: 'seen', streak: 1, firstSeenAt: at, lastSeenAt: at, lastRunId: sighting.runId })
    .onConflictDoUpdate({
      target: [alertNotices.monitorId, alertNotices.kind, alertNotices.subject],
      set: {
        streak: sql`case when ${alertNotices.status} = 'closed' then 1 else ${alertNotices.streak} + 1 end`,
        status: sql`case when ${alertNotices.alertedAt} is null then 'seen' else 'open' end`,
        lastSeenAt: at,
        lastRunId: sighting.runId,
      },
    })
    .returning();
  if (!notice) throw new Error('alert notice upsert returned no row');

  if (notice.alertedAt === null) {
    if (notice.streak < sighting.confirm) return { action: 'none', noticeId: notice.id, streak: notice.streak };
    await db.update(alertNotices).set({ status: 'open', alertedAt: at, notifiedAt: at }).where(eq(alertNotices.id, notice.id));
    return { action: 'alert', noticeId: notice.id, streak: notice.streak, firstSeenAt: notice.firstSeenAt };
  }
  if (sighting.remindAfterMs === undefined || notice.notifiedAt === null) return { action: 'none', noticeId: notice.id, streak: notice.streak };
  if (at.getTime() - notice.notifiedAt.getTime() < sighting.remindAfterMs) return { action: 'none', noticeId: notice.id, streak: notice.streak };
  const reminder = notice.reminders + 1;
  await db.update(alertNotices).set({ notifiedAt: at, reminders: reminder }).where(eq(alertNotices.id, notice.id));
  return { action: 'remind', noticeId: notice.id, streak: notice.streak, reminder, firstSeenAt: notice.firstSeenAt, alertedAt: notice.alertedAt };
}
