import { and, desc, eq } from 'drizzle-orm';
import type { Change } from '../diff/types.js';
import type { JsonSchema } from '../schema/types.js';
import type { Database } from './db.js';
import { baselines, driftEvents, schemas } from './schema.js';

export interface DriftEventDetail {
  id: number;
  createdAt: Date;
  status: string;
  baselineVersion: number;
  /** The baseline the drift was found against (not necessarily the current one, after an accept). */
  baseline: JsonSchema;
  /** The schema stored for what was observed. */
  observed: JsonSchema;
  changes: Change[];
}

/**
 * A drift event of a monitor with both schemas it compared: the newest one, or the one with `eventId`.
 * Undefined when the monitor has no such event.
 */
export async function findDriftEvent(db: Database, monitorId: number, eventId?: number): Promise<DriftEventDetail | undefined> {
  const where = eventId === undefined ? eq(driftEvents.monitorId, monitorId) : and(eq(driftEvents.monitorId, monitorId), eq(driftEvents.id, eventId));
  const [event] = await db
    .select({
      id: driftEvents.id,
      createdAt: driftEvents.createdAt,
      status: driftEvents.status,
      baselineVersion: driftEvents.baselineVersion,
      changes: driftEvents.changes,
      observed: schemas.document,
    })
    .from(driftEvents)
    .innerJoin(schemas, eq(schemas.hash, driftEvents.observedHash))
    .where(where)
    .orderBy(desc(driftEvents.id))
    .limit(1);
  if (!event) return undefined;
  const [baseline] = await db
    .select({ document: schemas.document })
    .from(baselines)
    .innerJoin(schemas, eq(schemas.hash, baselines.schemaHash))
    .where(and(eq(baselines.monitorId, monitorId), eq(baselines.version, event.baselineVersion)))
    .limit(1);
  if (!baseline) return undefined;
  return {
    id: event.id,
    createdAt: event.createdAt,
    status: event.status,
    baselineVersion: event.baselineVersion,
    baseline: baseline.document as JsonSchema,
    observed: event.observed as JsonSchema,
    changes: Array.isArray(event.changes) ? (event.changes as Change[]) : [],
  };
}
