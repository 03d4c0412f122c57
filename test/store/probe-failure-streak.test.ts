import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildMonitor } from '../../src/config/load.js';
import { runCheck } from '../../src/check/runCheck.js';
import { createProbeRuntime } from '../../src/probe/runtime.js';
import type { Store } from '../../src/store/db.js';
import { probeFailureStreak } from '../../src/store/probeFailureStreak.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type Driver, type TestDatabase } from '../helpers/database.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';

const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] failure streaks on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

describe.each<Driver>(['pglite', 'postgres'])('the probe failure streak of a monitor on %s', (driver) => {
  const sim = new VendorSimulator();
  let db: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(async (ctx) => {
    if (driver === 'postgres' && !postgresUp) ctx.skip();
    db = await freshDatabase(driver);
    store = await db.open();
  });
  afterEach(async () => {
    await store?.close();
    await db?.remove();
  });

  it('counts consecutive failures of one kind from the latest run back, and ends with a success or another kind', async () => {
    const monitor = buildMonitor(
      { name: 'charges', kind: 'endpoint', request: { url: sim.url('/v1/charges') }, retry: { maxAttempts: 1 }, circuitBreaker: { threshold: 100 } },
      'charges.yaml',
      {},
    );
    const runtime = createProbeRuntime();
    let minute = 0;
    const check = () => runCheck(monitor, { store, http: { runtime }, now: () => new Date(Date.UTC(2025, 0, 1, 0, minute++)) });
    const streak = async () => {
      const result = await check();
      const { rows } = (await store.db.execute(`select id from monitors where name = 'charges'`)) as unknown as { rows: { id: number }[] };
      return { status: result.status, streak: await probeFailureStreak(store.db, rows[0]!.id) };
    };

    sim.json('/v1/charges', { id: 'ch_1' });
    expect(await streak()).toEqual({ status: 'baseline', streak: undefined });
    sim.failNext('/v1/charges', 3, 503);
    expect((await streak()).streak).toMatchObject({ kind: 'http-503', count: 1, since: new Date(Date.UTC(2025, 0, 1, 0, 2)) });
    await check();
    expect((await streak()).streak).toEqual({
      kind: 'http-503',
      count: 3,
      since: new Date(Date.UTC(2025, 0, 1, 0, 2)),
      lastRunId: expect.any(Number),
      lastMessage: `GET ${sim.url('/v1/charges')} answered HTTP 503`,
    });
    sim.rateLimitNext('/v1/charges', 1, { seconds: 600 });
    expect((await streak()).streak).toMatchObject({ kind: 'rate-limited', count: 1 });
    expect(await streak()).toEqual({ status: 'failure', streak: expect.objectContaining({ kind: 'rate-limited', count: 2 }) });
  });

  it('a check cancelled by its caller (a daemon shutting down) rejects with the reason and records no run', async () => {
    const monitor = buildMonitor({ name: 'slow', kind: 'endpoint', request: { url: sim.url('/v1/slow') } }, 'slow.yaml', {});
    sim.json('/v1/slow', { id: 1 }).stallBodyNext('/v1/slow', 5000);
    const shutdown = new AbortController();
    const pending = runCheck(monitor, { store, http: { runtime: createProbeRuntime(), signal: shutdown.signal } });
    while (sim.count('/v1/slow') === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    shutdown.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
    const { rows } = (await store.db.execute('select count(*)::int as n from runs')) as unknown as { rows: { n: number }[] };
    expect(rows[0]!.n).toBe(0);
  });

  it('has no streak for a monitor that never failed or never ran', async () => {
    expect(await probeFailureStreak(store.db, 12345)).toBeUndefined();
  });
});
