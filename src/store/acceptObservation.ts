import { and, desc, eq, inArray } from 'drizzle-orm';
import type { JsonSchema } from '../schema/types.js';
import type { Database } from './db.js';
import { putSchema, type SchemaKind } from './putSchema.js';
import { baselines, driftEvents, runs, schemas } from './schema.js';

export type AcceptResult =
  | { accepted: true; version: number; schemaHash: string; fromRunId: number }
  | { accepted: false; reason: 'no-baseline' | 'nothing-to-accept' };

/**
 * Makes the schema observed by the newest drift run the monitor's next baseline version, and marks
 * open drift events accepted. `adopt` turns (baseline, observed) into the new baseline document.
 * Older versions are kept: history is never rewritten.
 */
export async function acceptObservation(
  db: Database,
  monitorId: number,
  adopt: (baseline: JsonSchema, observed: JsonSchema, kind: SchemaKind) => JsonSchema,
): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const [baseline] = await tx
      .select({ version: baselines.version, document: schemas.document, kind: schemas.kind })
      .from(baselines)
      .innerJoin(schemas, eq(schemas.hash, baselines.schemaHash))
      .where(eq(baselines.monitorId, monitorId))
      .orderBy(desc(baselines.version))
      .limit(1)
      .for('update', { of: baselines });
    if (!baseline) return { accepted: false, reason: 'no-baseline' } as const;

    const [lastObservation] = await tx
      .select({ id: runs.id, outcome: runs.outcome, observedHash: runs.observedHash, document: schemas.document })
      .from(runs)
      .leftJoin(schemas, eq(schemas.hash, runs.observedHash))
      .where(and(eq(runs.monitorId, monitorId), inArray(runs.outcome, ['ok', 'drift', 'baseline'])))
      .orderBy(desc(runs.id))
      .limit(1);
    if (!lastObservation || lastObservation.outcome !== 'drift' || !lastObservation.document) {
      return { accepted: false, reason: 'nothing-to-accept' } as const;
    }
    const kind = baseline.kind as SchemaKind;
    const document = adopt(baseline.document as JsonSchema, lastObservation.document as JsonSchema, kind);
    const hash = await putSchema(tx as unknown as Database, kind, document);
    const version = baseline.version + 1;
    await tx.insert(baselines).values({ monitorId, version, schemaHash: hash, source: 'accepted', runId: lastObservation.id });
    await tx
      .update(driftEvents)
      .set({ status: 'accepted' })
      .where(and(eq(driftEvents.monitorId, monitorId), eq(driftEvents.status, 'open')));
    return { accepted: true, version, schemaHash: hash, fromRunId: lastObservation.id } as const;
  });
}
