import { sql } from 'drizzle-orm';
import type { Database } from './db.js';

/**
 * A CTE body that makes the statement's own transaction commit without waiting for its WAL to
 * reach disk (`synchronous_commit = off`, transaction-local). For lease bookkeeping only: it saves
 * one disk flush per statement, and a lost lease write after a server crash costs at most a monitor
 * skipped until its lease expires.
 */
export const ASYNC_COMMIT = sql`select set_config('synchronous_commit', 'off', true) as setting`;

export interface MonitorRunClaim {
  monitor: string;
  /** The schedule slot (the instant the cron expression matched). */
  slot: Date;
  /** The replica claiming it. */
  holder: string;
  /** How long the claim holds without renewal; a replica that dies mid-run loses it after this. */
  ttlMs: number;
}

/**
 * `taken`: this slot (or a later one) was already claimed, by another replica or earlier.
 * `busy`: the monitor's previous run still holds an unexpired lease.
 */
export type ClaimOutcome = { claimed: true } | { claimed: false; reason: 'taken' | 'busy' };

/**
 * Claims one scheduled run of a monitor, in one statement. A slot is claimed at most once across
 * every replica sharing the database (slots only move forward), and never while the monitor's
 * previous run still holds its lease. A lease ends when the run of its slot is recorded (the run
 * row carries the slot, written in the run's own transaction), when it is released (a run that
 * was abandoned or broke), or when it expires (a replica that died). Times are the database's, so
 * replicas need not agree on anything but the slot.
 *
 * The statement commits without waiting for the WAL flush (see ASYNC_COMMIT): the run it leads to
 * commits synchronously later, which flushes this claim too; a server crash can only lose the
 * claim of a run that never got recorded.
 */
export async function claimMonitorRun(db: Database, claim: MonitorRunClaim): Promise<ClaimOutcome> {
  const slot = claim.slot.toISOString();
  const result = (await db.execute(sql`
    with async_commit as (${ASYNC_COMMIT}), previous as (
      select slot >= ${slot}::timestamptz as taken from monitor_leases where monitor = ${claim.monitor}
    ), claimed as (
      insert into monitor_leases as l (monitor, slot, holder, claimed_at, expires_at)
      select ${claim.monitor}, ${slot}::timestamptz, ${claim.holder}, now(), now() + make_interval(secs => ${claim.ttlMs / 1000}) from async_commit
      on conflict (monitor) do update
        set slot = excluded.slot, holder = excluded.holder, claimed_at = excluded.claimed_at,
            expires_at = excluded.expires_at, released_at = null
        where l.slot < excluded.slot and (
          l.released_at is not null
          or l.expires_at <= now()
          or exists (select 1 from runs r join monitors m on m.id = r.monitor_id where m.name = l.monitor and r.scheduled_at = l.slot)
        )
      returning 1
    )
    select (select count(*) from claimed)::int as claimed, coalesce((select taken from previous), false) as taken
  `)) as unknown as { rows: { claimed: number; taken: boolean }[] };
  const row = result.rows[0];
  if (row && Number(row.claimed) > 0) return { claimed: true };
  // A concurrent claim of the same slot can look "not yet taken" to this statement's snapshot.
  return { claimed: false, reason: row?.taken === false ? 'busy' : 'taken' };
}
