import { sql } from 'drizzle-orm';
import type { Database } from './db.js';

export interface PruneOptions {
  /** Runs that started before this are deleted, unless something refers to them. */
  before: Date;
  /** Rows deleted per statement, so no statement holds locks for long. */
  batchSize?: number;
}

/**
 * Deletes old run rows. Kept whatever their age: runs a drift event or a baseline refers to, and
 * each monitor's newest run and newest observation (what `accept` adopts). Schemas, baselines and
 * drift events are never deleted here. Returns the number of runs deleted.
 */
export async function pruneRuns(db: Database, options: PruneOptions): Promise<number> {
  const batchSize = options.batchSize ?? 5000;
  const before = options.before.toISOString();
  let total = 0;
  for (;;) {
    const result = (await db.execute(sql`
      with keep as (
        select (select r.id from runs r where r.monitor_id = m.id order by r.started_at desc, r.id desc limit 1) as id from monitors m
        union all
        select (select r.id from runs r where r.monitor_id = m.id and r.outcome in ('baseline', 'ok', 'drift') order by r.id desc limit 1) from monitors m
      ), doomed as (
        select r.id from runs r
        where r.started_at < ${before}::timestamptz
          and r.id not in (select id from keep where id is not null)
          and not exists (select 1 from drift_events d where d.run_id = r.id)
          and not exists (select 1 from baselines b where b.run_id = r.id)
        order by r.started_at
        limit ${batchSize}
      )
      delete from runs where id in (select id from doomed) returning 1 as deleted
    `)) as unknown as { rows: unknown[] };
    total += result.rows.length;
    if (result.rows.length < batchSize) return total;
  }
}
