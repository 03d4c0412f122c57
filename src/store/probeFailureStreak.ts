import { and, count, desc, eq, gt, isNull, lt, max, min, ne, or } from 'drizzle-orm';
import type { Database } from './db.js';
import { runs } from './schema.js';

/** A monitor whose latest runs all failed the same way: one "probe failing" condition, however many runs. */
export interface ProbeFailureStreak {
  /** The failure kind every run of the streak has (`auth`, `rate-limited`, `http-503`, …). */
  kind: string;
  /** Consecutive runs, up to the latest, that failed with this kind. */
  count: number;
  /** When the first run of the streak started. */
  since: Date;
  lastRunId: number;
  /** The latest run's message (already free of secrets). */
  lastMessage: string | null;
}

/**
 * The current failure streak of a monitor: the run of consecutive latest runs that failed with the
 * same kind, or undefined when the latest run did not fail. A success, a drift, or a failure of
 * another kind ends a streak; a new kind starts a new one.
 */
export async function probeFailureStreak(db: Database, monitorId: number): Promise<ProbeFailureStreak | undefined> {
  const [latest] = await db
    .select({ id: runs.id, outcome: runs.outcome, kind: runs.failureKind, message: runs.failureMessage })
    .from(runs)
    .where(eq(runs.monitorId, monitorId))
    .orderBy(desc(runs.id))
    .limit(1);
  if (!latest || latest.outcome !== 'failure' || latest.kind === null) return undefined;

  const [boundary] = await db
    .select({ id: max(runs.id) })
    .from(runs)
    .where(and(eq(runs.monitorId, monitorId), lt(runs.id, latest.id), or(ne(runs.outcome, 'failure'), isNull(runs.failureKind), ne(runs.failureKind, latest.kind))));
  const [streak] = await db
    .select({ count: count(), since: min(runs.startedAt) })
    .from(runs)
    .where(and(eq(runs.monitorId, monitorId), gt(runs.id, Number(boundary?.id ?? 0))));
  return { kind: latest.kind, count: streak!.count, since: streak!.since!, lastRunId: latest.id, lastMessage: latest.message };
}
