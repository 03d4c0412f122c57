import { desc, eq } from 'drizzle-orm';
import type { JsonSchema } from '../schema/types.js';
import type { Database } from './db.js';
import { baselines, schemas } from './schema.js';

export interface Baseline {
  version: number;
  schemaHash: string;
  kind: string;
  document: JsonSchema;
  createdAt: Date;
}

/** The newest baseline version of a monitor, with its schema document. */
export async function currentBaseline(db: Database, monitorId: number): Promise<Baseline | undefined> {
  const [row] = await db
    .select({
      version: baselines.version,
      schemaHash: baselines.schemaHash,
      kind: schemas.kind,
      document: schemas.document,
      createdAt: baselines.createdAt,
    })
    .from(baselines)
    .innerJoin(schemas, eq(schemas.hash, baselines.schemaHash))
    .where(eq(baselines.monitorId, monitorId))
    .orderBy(desc(baselines.version))
    .limit(1);
  return row ? { ...row, document: row.document as JsonSchema } : undefined;
}
