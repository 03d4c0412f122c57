import { createHash } from 'node:crypto';
import { stableStringify } from '../schema/canonical.js';
import type { JsonSchema } from '../schema/types.js';
import type { Change, Level } from '../diff/types.js';
import type { Database } from './db.js';
import { putSchema, type SchemaKind } from './putSchema.js';
import { baselines, driftEvents, runs } from './schema.js';

interface RunTiming {
  monitorId: number;
  startedAt: Date;
  finishedAt: Date;
  httpStatus?: number | undefined;
  /** The schedule slot of a daemon run. */
  scheduledAt?: Date | undefined;
}

export type RunRecord =
  | (RunTiming & { outcome: 'baseline'; kind: SchemaKind; schema: JsonSchema })
  | (RunTiming & { outcome: 'ok'; baselineVersion: number })
  | (RunTiming & {
      outcome: 'drift';
      kind: SchemaKind;
      baselineVersion: number;
      /** The baseline document compared against (not written again; alerts build stubs from it). */
      baseline: JsonSchema;
      observed: JsonSchema;
      changes: Change[];
      summary: Record<Level, number>;
      maxLevel: Level;
    })
  | (RunTiming & { outcome: 'failure'; failureKind: string; failureMessage: string; baselineVersion?: number | undefined });

export interface RecordedRun {
  runId: number;
  baselineVersion?: number;
  driftEventId?: number;
}

/** The fingerprint of a drift: the same set of changes seen again has the same one. */
export function driftFingerprint(changes: readonly Change[]): string {
  const keys = changes.map((c) => stableStringify([c.id, c.operation ?? '', c.path, c.after])).sort();
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32);
}

/** Work done inside the transaction that records a run, after its rows are written (queueing alerts). */
export type AfterRecord = (tx: Database, recorded: RecordedRun) => Promise<void>;

/**
 * Writes one run, and with it (in the same transaction) its first baseline or its drift event, and
 * whatever `afterRecord` writes: the outbox rows that will alert about it. Either all of it is
 * stored or none.
 */
export async function recordRun(db: Database, record: RunRecord, afterRecord?: AfterRecord): Promise<RecordedRun> {
  if (!afterRecord) return insertRun(db, record);
  return db.transaction(async (tx) => {
    const recorded = await insertRun(tx as unknown as Database, record);
    await afterRecord(tx as unknown as Database, recorded);
    return recorded;
  });
}

/** The run's own rows, in a transaction of their own (a savepoint when called inside one). */
async function insertRun(db: Database, record: RunRecord): Promise<RecordedRun> {
  const durationMs = Math.max(0, record.finishedAt.getTime() - record.startedAt.getTime());
  return db.transaction(async (tx) => {
    const base = {
      monitorId: record.monitorId,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
      httpStatus: record.httpStatus ?? null,
      scheduledAt: record.scheduledAt ?? null,
      durationMs,
    };
    switch (record.outcome) {
      case 'baseline': {
        const hash = await putSchema(tx as unknown as Database, record.kind, record.schema);
        const [run] = await tx.insert(runs).values({ ...base, outcome: 'baseline', baselineVersion: 1, observedHash: hash }).returning({ id: runs.id });
        await tx.insert(baselines).values({ monitorId: record.monitorId, version: 1, schemaHash: hash, source: 'first-run', runId: run!.id });
        return { runId: run!.id, baselineVersion: 1 };
      }
      case 'ok': {
        const [run] = await tx.insert(runs).values({ ...base, outcome: 'ok', baselineVersion: record.baselineVersion }).returning({ id: runs.id });
        return { runId: run!.id, baselineVersion: record.baselineVersion };
      }
      case 'failure': {
        const [run] = await tx
          .insert(runs)
          .values({
            ...base,
            outcome: 'failure',
            failureKind: record.failureKind,
            failureMessage: record.failureMessage,
            baselineVersion: record.baselineVersion ?? null,
          })
          .returning({ id: runs.id });
        return { runId: run!.id };
      }
      case 'drift': {
        const hash = await putSchema(tx as unknown as Database, record.kind, record.observed);
        const [run] = await tx
          .insert(runs)
          .values({ ...base, outcome: 'drift', baselineVersion: record.baselineVersion, observedHash: hash, changeCount: record.changes.length })
          .returning({ id: runs.id });
        const [event] = await tx
          .insert(driftEvents)
          .values({
            monitorId: record.monitorId,
            runId: run!.id,
            baselineVersion: record.baselineVersion,
            observedHash: hash,
            fingerprint: driftFingerprint(record.changes),
            maxLevel: record.maxLevel,
            summary: record.summary,
            changes: record.changes,
          })
          .returning({ id: driftEvents.id });
        return { runId: run!.id, baselineVersion: record.baselineVersion, driftEventId: event!.id };
      }
    }
  });
}
