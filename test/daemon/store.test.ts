import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/runCheck.js';
import { buildMonitor } from '../../src/config/load.js';
import type { Monitor } from '../../src/config/types.js';
import { claimMonitorRun } from '../../src/store/claimMonitorRun.js';
import { openStore, type Store } from '../../src/store/db.js';
import { pruneRuns } from '../../src/store/pruneRuns.js';
import { releaseMonitorRun, renewMonitorRun } from '../../src/store/releaseMonitorRun.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type Driver, type TestDatabase } from '../helpers/database.js';

const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] daemon store queries on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

const DAY = 86_400_000;
const slot = (second: number) => new Date(Date.UTC(2030, 0, 1, 12, 0, second));

describe.each<Driver>(['pglite', 'postgres'])('daemon store queries on %s', (driver) => {
  const sim = new VendorSimulator();
  let db: TestDatabase;
  let store: Store;
  const skip = driver === 'postgres' && !postgresUp;

  beforeAll(async () => {
    if (skip) return;
    await sim.start();
    db = await freshDatabase(driver);
    store = await db.open();
  });
  afterAll(async () => {
    if (skip) return;
    await store?.close();
    await db?.remove();
    await sim.stop();
  });

  const rows = async <T>(text: string): Promise<T[]> => ((await store.db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;

  describe.skipIf(skip)('leases', () => {
    const claim = (monitor: string, second: number, holder: string, ttlMs = 60_000) => claimMonitorRun(store.db, { monitor, slot: slot(second), holder, ttlMs });

    it('claims a slot once, never while the previous run holds the lease, and never an older slot again', async () => {
      expect(await claim('m1', 0, 'a')).toEqual({ claimed: true });
      expect(await claim('m1', 0, 'b')).toEqual({ claimed: false, reason: 'taken' });
      expect(await claim('m1', 2, 'b')).toEqual({ claimed: false, reason: 'busy' });
      await releaseMonitorRun(store.db, { monitor: 'm1', slot: slot(0), holder: 'a' });
      expect(await claim('m1', 2, 'b')).toEqual({ claimed: true });
      await releaseMonitorRun(store.db, { monitor: 'm1', slot: slot(2), holder: 'b' });
      expect(await claim('m1', 0, 'a')).toEqual({ claimed: false, reason: 'taken' });
      expect(await claim('m1', 2, 'a')).toEqual({ claimed: false, reason: 'taken' });
      expect(await claim('m2', 0, 'a')).toEqual({ claimed: true });
    });

    it('lets the next slot be claimed once the lease of a replica that never released it has expired', async () => {
      expect(await claim('m3', 0, 'dead', 0)).toEqual({ claimed: true });
      expect(await claim('m3', 2, 'alive')).toEqual({ claimed: true });
      expect(await rows(`select holder, released_at is null as open from monitor_leases where monitor = 'm3'`)).toEqual([{ holder: 'alive', open: true }]);
    });

    it('ends a lease when the run of its slot is recorded, without a release', async () => {
      sim.json('/recorded', { id: 'r_1' });
      const recorded = buildMonitor({ name: 'recorded', kind: 'endpoint', request: { url: sim.url('/recorded') } }, 'recorded.yaml', {});
      expect(await claim('recorded', 0, 'a')).toEqual({ claimed: true });
      await runCheck(recorded, { store, scheduledAt: slot(0) });
      expect(await claim('recorded', 2, 'b')).toEqual({ claimed: true });
      // A run recorded for another slot does not end the lease of this one.
      await runCheck(recorded, { store, scheduledAt: slot(1) });
      expect(await claim('recorded', 4, 'a')).toEqual({ claimed: false, reason: 'busy' });
    });

    it('renews a lease only for its holder, and not after release', async () => {
      expect(await claim('m4', 0, 'a', 1000)).toEqual({ claimed: true });
      expect(await renewMonitorRun(store.db, { monitor: 'm4', slot: slot(0), holder: 'b', ttlMs: 60_000 })).toBe(false);
      expect(await renewMonitorRun(store.db, { monitor: 'm4', slot: slot(0), holder: 'a', ttlMs: 60_000 })).toBe(true);
      expect(await rows(`select expires_at > now() + interval '30 seconds' as extended from monitor_leases where monitor = 'm4'`)).toEqual([{ extended: true }]);
      await releaseMonitorRun(store.db, { monitor: 'm4', slot: slot(0), holder: 'a' });
      expect(await renewMonitorRun(store.db, { monitor: 'm4', slot: slot(0), holder: 'a', ttlMs: 60_000 })).toBe(false);
    });

    it.skipIf(driver !== 'postgres')('gives a slot to exactly one of eight replicas claiming it at the same moment', async () => {
      const replicas = await Promise.all(Array.from({ length: 8 }, () => openStore({ databaseUrl: db.env.DATABASE_URL, migrate: false })));
      try {
        for (let second = 0; second < 10; second += 2) {
          const outcomes = await Promise.all(replicas.map((r, i) => claimMonitorRun(r.db, { monitor: 'race', slot: slot(second), holder: `r${i}`, ttlMs: 60_000 })));
          expect(outcomes.filter((o) => o.claimed)).toHaveLength(1);
          const winner = outcomes.findIndex((o) => o.claimed);
          await releaseMonitorRun(replicas[winner]!.db, { monitor: 'race', slot: slot(second), holder: `r${winner}` });
        }
      } finally {
        await Promise.all(replicas.map((r) => r.close()));
      }
    });
  });

  describe.skipIf(skip)('run retention', () => {
    const monitor = (name: string): Monitor => buildMonitor({ name, kind: 'endpoint', request: { url: sim.url(`/${name}`) } }, `${name}.yaml`, {});
    const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
    const check = async (m: Monitor, days: number) => (await runCheck(m, { store, now: () => daysAgo(days) })).runId!;

    it('deletes old runs but keeps those a baseline or drift event refers to and each monitor\'s newest run and observation', async () => {
      const v1 = { id: 'ch_1', amount: 1, customer: { email: 'a@example.com' } };
      const kept = monitor('kept');
      sim.json('/kept', v1);
      const baseline = await check(kept, 60);
      const oldOk = await check(kept, 50);
      sim.json('/kept', { id: 'ch_1', amount: 1, customer: {} });
      const drift = await check(kept, 40);
      sim.json('/kept', v1);
      const laterOk = await check(kept, 35);
      const recent = await check(kept, 1);

      const stale = monitor('stale');
      sim.json('/stale', v1);
      const staleBaseline = await check(stale, 60);
      const staleOk = await check(stale, 50);
      const staleNewestOk = await check(stale, 48);
      sim.failNext('/stale', 1, 500);
      const staleFailure = await check(stale, 45);

      const counts = async () =>
        (await rows<{ schemas: number; baselines: number; events: number }>(
          `select (select count(*)::int from schemas) as schemas, (select count(*)::int from baselines) as baselines, (select count(*)::int from drift_events) as events`,
        ))[0];
      const before = await counts();

      // Every other run in this database is recent.
      expect(await pruneRuns(store.db, { before: daysAgo(30), batchSize: 1 })).toBe(3);
      const left = (
        await rows<{ id: number }>(`select r.id::int as id from runs r join monitors m on m.id = r.monitor_id where m.name in ('kept', 'stale') order by r.id`)
      ).map((r) => r.id);
      expect(left).toEqual([baseline, drift, recent, staleBaseline, staleNewestOk, staleFailure].sort((a, b) => a - b));
      expect(left).not.toContain(oldOk);
      expect(left).not.toContain(laterOk);
      expect(left).not.toContain(staleOk);
      expect(await counts()).toEqual(before);
      expect(await pruneRuns(store.db, { before: daysAgo(30) })).toBe(0);
    });
  });
});
