import { createHash } from 'node:crypto';
import { stableStringify } from '../schema/canonical.js';
import type { JsonSchema } from '../schema/types.js';
import type { Change, Level } from '../diff/types.js';
import type { Database } from './db.js';
import { putSchema, type SchemaKind } from './putSchema.js';
import { alertOutbox, baselines, driftEvents, runs } from './schema.js';

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
      observed: JsonSchema;
      changes: Change[];
      summary: Record<Level, number>;
      maxLevel: Level;
      /** Alert messages to deliver, one per channel, written with the event. */
      alerts: { channel: string; payload: unknown }[];
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

/**
 * Writes one run, and with it (in the same transaction) its first baseline, or its drift event and
 * the outbox rows that will alert about it. Either all of it is stored or none.
 */
export async function recordRun(db: Database, record: RunRecord): Promise<RecordedRun> {
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
        for (const alert of record.alerts) {
          await tx
            .insert(alertOutbox)
            .values({
              monitorId: record.monitorId,
              driftEventId: event!.id,
              channel: alert.channel,
              kind: 'drift',
              dedupeKey: `drift:${event!.id}:${alert.channel}`,
              payload: alert.payload,
            })
            .onConflictDoNothing({ target: alertOutbox.dedupeKey });
        }
        return { runId: run!.id, baselineVersion: record.baselineVersion, driftEventId: event!.id };
      }
    }
  });
}
