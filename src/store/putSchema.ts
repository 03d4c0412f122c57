import { schemaHash } from '../schema/canonical.js';
import type { JsonSchema } from '../schema/types.js';
import type { Database } from './db.js';
import { schemas } from './schema.js';

export type SchemaKind = 'jsonschema' | 'openapi';

/** Stores a schema under its content hash (once) and returns the hash. */
export async function putSchema(db: Database, kind: SchemaKind, document: JsonSchema): Promise<string> {
  const hash = schemaHash(document);
  await db.insert(schemas).values({ hash, kind, document }).onConflictDoNothing({ target: schemas.hash });
  return hash;
}
