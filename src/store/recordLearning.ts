import { desc, eq } from 'drizzle-orm';
import type { JsonSchema } from '../schema/types.js';
import type { Database } from './db.js';
import { putSchema, type SchemaKind } from './putSchema.js';
import { baselines, learningStates, runs } from './schema.js';

export interface LearningRecord {
  monitorId: number;
  startedAt: Date;
  finishedAt: Date;
  /** The schedule slot the run is for (daemon runs); recording it ends the slot's lease. */
  scheduledAt?: Date | undefined;
  httpStatus?: number | undefined;
  kind: SchemaKind;
  /** The baseline learned so far (baseline-flavour inference of every sample). */
  schema: JsonSchema;
  samples: number;
  target: number;
  /** The learning state to keep for the next samples; undefined when learning is done (the row is deleted). */
  state: unknown;
}

export interface RecordedLearning {
  runId: number;
  baselineVersion: number;
}

/**
 * Records one learning run in one transaction: the run, a new baseline version when what was
 * learned changed the schema (version 1, `first-run`, on the first sample; `learned` after), and
 * the learning state (kept while learning, deleted when done).
 */
export async function recordLearning(
  db: Database,
  record: LearningRecord,
  /** Work done in the same transaction once the rows are written (queueing alerts). */
  afterRecord?: (tx: Database, recorded: RecordedLearning) => Promise<void>,
): Promise<RecordedLearning> {
  const durationMs = Math.max(0, record.finishedAt.getTime() - record.startedAt.getTime());
  return db.transaction(async (tx) => {
    const hash = await putSchema(tx as unknown as Database, record.kind, record.schema);
    const [current] = await tx
      .select({ version: baselines.version, schemaHash: baselines.schemaHash })
      .from(baselines)
      .where(eq(baselines.monitorId, record.monitorId))
      .orderBy(desc(baselines.version))
      .limit(1)
      .for('update');
    const changed = current === undefined || current.schemaHash !== hash;
    const version = current === undefined ? 1 : changed ? current.version + 1 : current.version;
    const [run] = await tx
      .insert(runs)
      .values({
        monitorId: record.monitorId,
        startedAt: record.startedAt,
        finishedAt: record.finishedAt,
        scheduledAt: record.scheduledAt ?? null,
        httpStatus: record.httpStatus ?? null,
        durationMs,
        outcome: 'baseline',
        baselineVersion: version,
        observedHash: hash,
      })
      .returning({ id: runs.id });
    if (changed) {
      await tx
        .insert(baselines)
        .values({ monitorId: record.monitorId, version, schemaHash: hash, source: current === undefined ? 'first-run' : 'learned', runId: run!.id });
    }
    if (record.state === undefined) {
      await tx.delete(learningStates).where(eq(learningStates.monitorId, record.monitorId));
    } else {
      const values = { samples: record.samples, target: record.target, state: record.state, updatedAt: record.finishedAt };
      await tx
        .insert(learningStates)
        .values({ monitorId: record.monitorId, ...values })
        .onConflictDoUpdate({ target: learningStates.monitorId, set: values });
    }
    const recorded = { runId: run!.id, baselineVersion: version };
    await afterRecord?.(tx as unknown as Database, recorded);
    return recorded;
  });
}
