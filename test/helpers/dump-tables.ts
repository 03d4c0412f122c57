import { sql } from 'drizzle-orm';
import type { Store } from '../../src/store/db.js';

const TABLES = ['monitors', 'schemas', 'baselines', 'runs', 'drift_events', 'alert_outbox', 'learning_states'] as const;
export type TableName = (typeof TABLES)[number];

/** Every row of every driftwatch table as JSON text: for counting rows and searching for leaked secrets. */
export async function dumpTables(store: Store): Promise<Record<TableName, string[]>> {
  const out = {} as Record<TableName, string[]>;
  for (const table of TABLES) {
    const result = (await store.db.execute(sql.raw(`select row_to_json(t)::text as row from ${table} t`))) as unknown as { rows: { row: string }[] };
    out[table] = result.rows.map((r) => r.row);
  }
  return out;
}
