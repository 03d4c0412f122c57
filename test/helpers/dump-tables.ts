import { sql } from 'drizzle-orm';
import type { Store } from '../../src/store/db.js';

const TABLES = ['monitors', 'schemas', 'baselines', 'runs', 'drift_events', 'alert_notices', 'alert_outbox', 'learning_states', 'monitor_leases'] as const;
export type TableName = (typeof TABLES)[number];

async function rowsOf(store: Store, qualifiedTable: string): Promise<string[]> {
  const result = (await store.db.execute(sql.raw(`select row_to_json(t)::text as row from ${qualifiedTable} t`))) as unknown as { rows: { row: string }[] };
  return result.rows.map((r) => r.row);
}

/** Every row of every driftwatch table as JSON text: for counting rows and searching for leaked secrets. */
export async function dumpTables(store: Store): Promise<Record<TableName, string[]>> {
  const out = {} as Record<TableName, string[]>;
  for (const table of TABLES) out[table] = await rowsOf(store, table);
  return out;
}

/**
 * Every row of every table in the database, found in the catalog rather than listed, keyed by
 * `schema.table`: a table added later cannot escape a search for leaked secrets.
 */
export async function dumpEveryTable(store: Store): Promise<Record<string, string[]>> {
  const tables = (await store.db.execute(
    sql.raw(`select table_schema || '.' || table_name as name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`),
  )) as unknown as { rows: { name: string }[] };
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) out[name] = await rowsOf(store, name.split('.').map((part) => `"${part}"`).join('.'));
  return out;
}
