import { sql } from 'drizzle-orm';
import type { Database } from './db.js';

type LeaseKey = { monitor: string; slot: Date; holder: string };

/** Ends a claim once its run is over, so the monitor's next slot can be claimed at once. */
export async function releaseMonitorRun(db: Database, lease: LeaseKey): Promise<void> {
  await db.execute(sql`
    update monitor_leases set released_at = now()
    where monitor = ${lease.monitor} and slot = ${lease.slot.toISOString()}::timestamptz and holder = ${lease.holder} and released_at is null
  `);
}

/** Extends a claim whose run is still going; false when the claim was lost (it expired and was taken over). */
export async function renewMonitorRun(db: Database, lease: LeaseKey & { ttlMs: number }): Promise<boolean> {
  const result = (await db.execute(sql`
    update monitor_leases set expires_at = now() + make_interval(secs => ${lease.ttlMs / 1000})
    where monitor = ${lease.monitor} and slot = ${lease.slot.toISOString()}::timestamptz and holder = ${lease.holder} and released_at is null
    returning 1 as renewed
  `)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}
