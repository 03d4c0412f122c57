import { asc, sql } from 'drizzle-orm';
import type { Store } from '../../src/store/db.js';
import { ensureMonitor } from '../../src/store/ensureMonitor.js';
import { enqueueAlerts } from '../../src/store/enqueueAlerts.js';
import { alertOutbox } from '../../src/store/schema.js';
import { driftAlert } from './fixtures.js';

/** Queues `count` drift alerts for each channel, as a run's transaction would. */
export async function queueDriftAlerts(store: Store, count: number, channels: readonly string[]): Promise<void> {
  const monitorId = await ensureMonitor(store.db, 'charges', 'endpoint');
  await store.db.transaction(async (tx) => {
    for (let i = 1; i <= count; i++) {
      const message = { ...driftAlert({ stub: false }), baselineVersion: i };
      await enqueueAlerts(
        tx as never,
        channels.map((channel) => ({ monitorId, channel, kind: 'drift' as const, dedupeKey: `test:${i}:${channel}`, payload: message })),
      );
    }
  });
}

export async function outboxRows(store: Store) {
  return store.db.select().from(alertOutbox).orderBy(asc(alertOutbox.id));
}

/** Counts per status, for assertions that read as a sentence. */
export async function outboxStatus(store: Store): Promise<Record<string, number>> {
  const result = (await store.db.execute(sql`select status, count(*)::int as n from alert_outbox group by status order by status`)) as unknown as {
    rows: { status: string; n: number }[];
  };
  return Object.fromEntries(result.rows.map((r) => [r.status, Number(r.n)]));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Empties the tables a test writes, so one database serves a whole file (PGlite is slow to create). */
export async function emptyTables(store: Store): Promise<void> {
  await store.db.execute(sql`truncate alert_outbox, alert_notices, drift_events, baselines, runs, schemas, monitors restart identity cascade`);
}
