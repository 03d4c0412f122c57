import { desc, eq } from 'drizzle-orm';
import type { Database } from './db.js';
import { baselines, driftEvents, runs } from './schema.js';

export interface MonitorHistory {
  baselines: { version: number; schemaHash: string; source: string; createdAt: Date }[];
  driftEvents: {
    id: number;
    createdAt: Date;
    baselineVersion: number;
    maxLevel: string;
    summary: unknown;
    status: string;
    changeCount: number;
  }[];
  recentRuns: { id: number; startedAt: Date; outcome: string; failureKind: string | null; durationMs: number }[];
}

/** Baseline versions, drift events and the latest runs of a monitor, newest first. */
export async function monitorHistory(db: Database, monitorId: number, runLimit = 20): Promise<MonitorHistory> {
  const baselineRows = await db
    .select({ version: baselines.version, schemaHash: baselines.schemaHash, source: baselines.source, createdAt: baselines.createdAt })
    .from(baselines)
    .where(eq(baselines.monitorId, monitorId))
    .orderBy(desc(baselines.version));
  const eventRows = await db
    .select({
      id: driftEvents.id,
      createdAt: driftEvents.createdAt,
      baselineVersion: driftEvents.baselineVersion,
      maxLevel: driftEvents.maxLevel,
      summary: driftEvents.summary,
      status: driftEvents.status,
      changes: driftEvents.changes,
    })
    .from(driftEvents)
    .where(eq(driftEvents.monitorId, monitorId))
    .orderBy(desc(driftEvents.id));
  const runRows = await db
    .select({ id: runs.id, startedAt: runs.startedAt, outcome: runs.outcome, failureKind: runs.failureKind, durationMs: runs.durationMs })
    .from(runs)
    .where(eq(runs.monitorId, monitorId))
    .orderBy(desc(runs.id))
    .limit(runLimit);
  return {
    baselines: baselineRows,
    driftEvents: eventRows.map(({ changes, ...e }) => ({ ...e, changeCount: Array.isArray(changes) ? changes.length : 0 })),
    recentRuns: runRows,
  };
}
