import { sql } from 'drizzle-orm';
import type { Store } from '../../src/store/db.js';

/**
 * Rows that would betray a half-written run: a drift event, baseline or outbox row pointing at
 * nothing, a drift run without its event, a baseline run without its baseline. Empty when consistent.
 */
export async function halfWrittenRows(store: Store): Promise<string[]> {
  const checks: Record<string, string> = {
    'drift event without its run': `select d.id from drift_events d left join runs r on r.id = d.run_id where r.id is null`,
    'baseline whose run is missing': `select b.id from baselines b left join runs r on r.id = b.run_id where b.run_id is not null and r.id is null`,
    'outbox row without its drift event': `select o.id from alert_outbox o left join drift_events d on d.id = o.drift_event_id where o.drift_event_id is not null and d.id is null`,
    'drift run without a drift event': `select r.id from runs r where r.outcome = 'drift' and not exists (select 1 from drift_events d where d.run_id = r.id)`,
    'baseline run without a baseline': `select r.id from runs r where r.outcome = 'baseline' and not exists (select 1 from baselines b where b.run_id = r.id)`,
  };
  const problems: string[] = [];
  for (const [what, query] of Object.entries(checks)) {
    const result = (await store.db.execute(sql.raw(query))) as unknown as { rows: { id: number }[] };
    for (const row of result.rows) problems.push(`${what}: ${row.id}`);
  }
  return problems;
}
