import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type TestDatabase } from '../helpers/database.js';
import { workspace } from '../helpers/monitor-files.js';
import { halfWrittenRows } from './consistency.js';
import { DaemonProcess, eventually, type Exit } from './daemon-process.js';
import { endpointMonitor } from './monitors.js';

const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] daemon shutdown on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

const charge = { id: 'ch_1', amount: 1200, currency: 'usd', customer: { id: 'cus_1', email: 'jo@example.com' } };

/** Waits for the exit, failing the test when it does not come within `ms` (a bound, not a measurement). */
function exitWithin(daemon: DaemonProcess, ms: number): Promise<Exit> {
  return Promise.race([
    daemon.exited,
    new Promise<Exit>((_, reject) => setTimeout(() => reject(new Error(`daemon still running ${ms} ms after SIGTERM:\n${daemon.output.slice(-3000)}`)), ms)),
  ]);
}

describe.skipIf(!postgresUp)('SIGTERM in the middle of a run', () => {
  const sim = new VendorSimulator();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;
  let store: Store;
  let daemon: DaemonProcess | undefined;

  beforeAll(async () => {
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(async () => {
    ws = await workspace();
    db = await freshDatabase('postgres');
    store = await db.open();
  });
  afterEach(async () => {
    await daemon?.stop();
    await store?.close();
    await db?.remove();
    await ws?.remove();
  });

  const rows = async <T>(text: string): Promise<T[]> => ((await store.db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;

  /** Starts a daemon on one monitor, lets it record its baseline, then stalls the next probe for `stallMs` and sends SIGTERM while it hangs. */
  async function termDuringStalledProbe(path: string, stallMs: number, graceMs: number): Promise<{ exit: Exit; daemon: DaemonProcess }> {
    sim.json(path, charge);
    await ws.write('charges.yaml', endpointMonitor('charges', sim.url(path), { schedule: '* * * * * *' }));
    daemon = new DaemonProcess(['--grace-ms', String(graceMs)], { cwd: ws.dir, env: db.env });
    await daemon.waitForLog((l) => l.outcome === 'baseline');
    sim.stallNext(path, stallMs);
    // The vendor's next answer also drifts: if it is recorded, it is recorded whole (run + drift event).
    sim.json(path, { ...charge, customer: { id: 'cus_1' } });
    const stalled = sim.requests(path).length + 1;
    await eventually(() => (sim.requests(path).length >= stalled ? true : undefined), 10_000, 'the stalled request');
    daemon.kill('SIGTERM');
    return { exit: await exitWithin(daemon, graceMs + 5000), daemon };
  }

  it('abandons a probe still hanging at the end of the grace period: exit 0, nothing recorded for that slot, lease released', async () => {
    const { exit, daemon } = await termDuringStalledProbe('/stall-long', 60_000, 3000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(daemon.logs.map((l) => l.msg)).toContain('run abandoned at shutdown: nothing recorded for this slot');
    expect(await rows(`select outcome from runs order by id`)).toEqual([{ outcome: 'baseline' }]);
    expect(await rows(`select released_at is not null as released from monitor_leases`)).toEqual([{ released: true }]);
    expect(await halfWrittenRows(store)).toEqual([]);
    expect(daemon.logs.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });

  it('lets a probe that answers within the grace period finish and records it whole', async () => {
    const { exit, daemon } = await termDuringStalledProbe('/stall-short', 1500, 8000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(daemon.logs.map((l) => l.msg)).not.toContain('run abandoned at shutdown: nothing recorded for this slot');
    expect(await rows(`select outcome from runs order by id`)).toEqual([{ outcome: 'baseline' }, { outcome: 'drift' }]);
    expect(await rows(`select max_level from drift_events`)).toEqual([{ max_level: 'breaking' }]);
    expect(await halfWrittenRows(store)).toEqual([]);
  });
});
