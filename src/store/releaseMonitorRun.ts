import { sql } from 'drizzle-orm';
import { ASYNC_COMMIT } from './claimMonitorRun.js';
import type { Database } from './db.js';

type LeaseKey = { monitor: string; slot: Date; holder: string };

/**
 * Ends a claim whose run was not recorded (abandoned at shutdown, or broken), so the monitor's next
 * slot can be claimed at once. A recorded run ends its claim by itself (see claimMonitorRun).
 * Asynchronous commit, see ASYNC_COMMIT.
 */
export async function releaseMonitorRun(db: Database, lease: LeaseKey): Promise<void> {
  await db.execute(sql`
    with async_commit as (${ASYNC_COMMIT})
    update monitor_leases set released_at = now() from async_commit
    where monitor = ${lease.monitor} and slot = ${lease.slot.toISOString()}::timestamptz and holder = ${lease.holder} and released_at is null
  `);
}

/** Extends a claim whose run is still going; false when the claim was lost (it expired and was taken over). */
export async function renewMonitorRun(db: Database, lease: LeaseKey & { ttlMs: number }): Promise<boolean> {
  const result = (await db.execute(sql`
    with async_commit as (${ASYNC_COMMIT})
    update monitor_leases set expires_at = now() + make_interval(secs => ${lease.ttlMs / 1000}) from async_commit
    where monitor = ${lease.monitor} and slot = ${lease.slot.toISOString()}::timestamptz and holder = ${lease.holder} and released_at is null
    returning 1 as renewed
  `)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}
