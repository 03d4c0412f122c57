import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { halfWrittenRows } from '../daemon/consistency.js';
import { DaemonProcess, eventually } from '../daemon/daemon-process.js';
import { parseMetrics } from '../daemon/prometheus.js';
import { SlackReceiver } from '../fakes/slack-receiver.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { freshDatabase, isPostgresReachable, POSTGRES_ADMIN_URL, POSTGRES_SKIP_MESSAGE, type TestDatabase } from '../helpers/database.js';
import { workspace } from '../helpers/monitor-files.js';
import { chaosReport } from './report.js';
import { alertingMonitor, charge, driftedCharge, duplicates, outbox, rows, slackPostsFor } from './setup.js';

const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] database faults on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

const report = chaosReport('database faults (driftwatch run on PostgreSQL and PGlite)');
afterAll(() => report.print());

/** Ends every session on the test's database but the caller's own; returns how many it ended. */
async function terminateBackends(client: pg.Client, database: string): Promise<number> {
  const result = await client.query<{ n: number }>(
    `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()) t`,
    [database],
  );
  return result.rows[0]!.n;
}

describe.skipIf(!postgresUp)('PostgreSQL connections cut under a running daemon', () => {
  const sim = new VendorSimulator();
  const slack = new SlackReceiver();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;
  let store: Store;
  let daemon: DaemonProcess | undefined;
  let databaseName: string;

  beforeAll(async () => {
    await sim.start();
    await slack.start();
  });
  afterAll(async () => {
    await sim.stop();
    await slack.stop();
  });
  beforeEach(async () => {
    slack.posts.length = 0;
    ws = await workspace();
    db = await freshDatabase('postgres');
    databaseName = new URL(db.env.DATABASE_URL!).pathname.slice(1);
    store = await db.open();
  });
  afterEach(async () => {
    await daemon?.stop();
    daemon = undefined;
    await store?.close();
    await db?.remove();
    await ws?.remove();
  });

  const startDaemon = (path: string, monitor: string) => {
    daemon = new DaemonProcess(['--lease-ttl-ms', '2000', '--log-level', process.env.FAULT_LOG_LEVEL ?? 'info'], {
      cwd: ws.dir,
      env: { ...db.env, SLACK_WEBHOOK_URL: slack.webhookUrl, ALERT_POLL_MS: '100', ALERT_RETRY_BASE_MS: '100', ALERT_RETRY_MAX_MS: '500' },
    });
    return daemon;
  };
  const logsWith = (d: DaemonProcess, msg: string) => d.logs.filter((l) => l.msg === msg).length;
  const recordedRuns = (d: DaemonProcess, outcome?: string) => d.logs.filter((l) => typeof l.runId === 'number' && (outcome === undefined || l.outcome === outcome)).length;

  /** What must hold once the fault is over: alive, consistent, one alert row and one Slack post for the drift. */
  async function assertNothingLostOrDoubled(d: DaemonProcess, monitor: string): Promise<boolean> {
    expect(d.logs.filter((l) => l.level === 'fatal'), d.output.slice(-3000)).toEqual([]);
    expect((await d.get('/healthz')).status).toBe(200);
    expect(await halfWrittenRows(store)).toEqual([]);
    expect(await duplicates(store)).toEqual([]);
    const alerts = (await outbox(store)).filter((o) => o.kind === 'drift');
    expect(alerts.map((o) => ({ monitor: o.monitor, channel: o.channel, status: o.status }))).toEqual([{ monitor, channel: 'slack', status: 'delivered' }]);
    // The alert points at the first drift event recorded; every later drift run is the same drift (no new alert).
    const [first] = await rows<{ id: number }>(store, `select min(id)::int as id from drift_events`);
    expect(alerts[0]!.drift_event_id).toBe(first!.id);
    expect(slackPostsFor(slack, monitor)).toBe(1);
    return true;
  }

  it('survives its sessions being terminated during a probe and inside the transaction that records a drift', async () => {
    const path = '/db-cut-charges';
    const monitor = 'db-cut-charges';
    sim.json(path, charge);
    await ws.write('charges.yaml', alertingMonitor(monitor, sim.url(path), ['slack']));
    const d = startDaemon(path, monitor);
    await d.waitForLog((l) => l.outcome === 'baseline');
    const admin = new pg.Client({ connectionString: db.env.DATABASE_URL });
    await admin.connect();
    try {
      // 1. Every session (idle in the pool) ended while a probe waits for the vendor: the run is recorded on new ones.
      sim.stallNext(path, 1500);
      const stalled = sim.requests(path).length + 1;
      await eventually(() => (sim.requests(path).length >= stalled ? true : undefined), 10_000, 'the stalled request');
      const okBefore = recordedRuns(d, 'ok');
      expect(await terminateBackends(admin, databaseName)).toBeGreaterThan(0);
      await d.waitForLog(() => recordedRuns(d, 'ok') > okBefore, 15_000);
      expect(logsWith(d, 'run failed before it could be recorded')).toBe(0);
      report.record('sessions terminated while a probe is in flight', 'the run is recorded on new connections', true);

      // 2. Then every session of the database is ended every few milliseconds for a while, runs going on: statements,
      //    transactions recording runs (with their drift event and alert), lease claims and outbox claims are cut
      //    wherever they happen to be.
      sim.json(path, driftedCharge);
      // 2a. A session caught idle inside a transaction (a run's recording between two statements) is ended.
      let idleInTransaction = 0;
      const lookUntil = Date.now() + 8000;
      while (idleInTransaction < 2 && Date.now() < lookUntil) {
        const ended = await admin.query<{ n: number }>(
          `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and state = 'idle in transaction' and pid <> pg_backend_pid()) t`,
          [databaseName],
        );
        idleInTransaction += ended.rows[0]!.n;
      }
      expect(idleInTransaction, 'sessions caught idle in a transaction').toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(d.logs.filter((l) => l.level === 'fatal'), d.output.slice(-3000)).toEqual([]);
      report.record(`${idleInTransaction} sessions terminated idle inside a run's recording transaction`, 'the daemon keeps running', true);

      let cuts = 0;
      let sessions = 0;
      const stormUntil = Date.now() + 4000;
      while (Date.now() < stormUntil) {
        sessions += await terminateBackends(admin, databaseName);
        cuts++;
        await new Promise((resolve) => setTimeout(resolve, 3 + Math.floor(Math.random() * 20)));
      }
      expect(sessions).toBeGreaterThan(0);
      expect(d.logs.filter((l) => l.level === 'fatal'), d.output.slice(-3000)).toEqual([]);
      const failedRuns = logsWith(d, 'run failed before it could be recorded');
      const claimErrors = logsWith(d, 'slot skipped: could not claim it in the database');
      report.record(`${sessions} sessions terminated in ${cuts} rounds over 4 s (${failedRuns} runs cut, ${claimErrors} claims cut)`, 'the daemon keeps running; a cut run is not recorded at all', true);

      // 3. The next slot records the drift whole, and its alert reaches Slack once.
      await d.waitForLog((l) => l.outcome === 'drift', 15_000);
      await eventually(() => (slack.delivered.length > 0 ? true : undefined), 15_000, 'the Slack alert');
      const driftRuns = recordedRuns(d, 'drift');
      await d.waitForLog(() => recordedRuns(d, 'drift') >= driftRuns + 2, 15_000);
      const held = await assertNothingLostOrDoubled(d, monitor);
      report.record('after the cuts', 'daemon alive, no half-written rows, one outbox row and one Slack post for the drift', held);
      // The alert worker's claims were cut too; it logged them and carried on.
      expect(d.logs.some((l) => l.msg === 'alert worker loop error; it carries on')).toBe(true);
    } finally {
      await admin.end().catch(() => undefined);
    }
  });

  it('reports not ready while the database refuses connections, skips the slots it cannot claim, and catches up after', async () => {
    const path = '/db-down-charges';
    const monitor = 'db-down-charges';
    sim.json(path, charge);
    await ws.write('charges.yaml', alertingMonitor(monitor, sim.url(path), ['slack']));
    const d = startDaemon(path, monitor);
    await d.waitForLog((l) => l.outcome === 'baseline');
    expect((await d.get('/readyz')).status).toBe(200);

    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    let down = false;
    try {
      // The probe in flight when the database goes away answers with the drift once it is gone.
      sim.stallNext(path, 2500);
      sim.json(path, driftedCharge);
      const stalled = sim.requests(path).length + 1;
      await eventually(() => (sim.requests(path).length >= stalled ? true : undefined), 10_000, 'the stalled request');
      await admin.query(`alter database ${databaseName} with allow_connections false`);
      down = true;
      await terminateBackends(admin, databaseName);

      const notReady = await eventually(async () => {
        const r = await d.get('/readyz');
        return r.status === 503 && r.body.includes('not currently accepting connections') ? r : undefined;
      }, 10_000, '/readyz 503 naming the refused connection');
      const body = JSON.parse(notReady.body) as { status: string; checks: { database: { ok: boolean; detail: string } } };
      expect(body.checks.database.ok).toBe(false);
      expect(body.checks.database.detail).toMatch(/^unreachable: .*not currently accepting connections/);
      expect((await d.get('/healthz')).status).toBe(200);
      await d.waitForLog((l) => l.msg === 'run failed before it could be recorded', 15_000);
      await d.waitForLog((l) => l.msg === 'slot skipped: could not claim it in the database', 15_000);
      const skipped = parseMetrics((await d.get('/metrics')).body).get('driftwatch_runs_skipped_total{reason="claim-error"}');
      expect(skipped).toBeGreaterThan(0);
      report.record('database refusing connections (a restart)', '/readyz 503 naming the database, /healthz 200, slots skipped and counted', true);

      await admin.query(`alter database ${databaseName} with allow_connections true`);
      down = false;
      await eventually(async () => ((await d.get('/readyz')).status === 200 ? true : undefined), 15_000, '/readyz 200 again');
      // The drift the cut run saw is found again by a later slot (once the unreleased lease expires) and alerted once.
      await d.waitForLog((l) => l.outcome === 'drift', 20_000);
      await eventually(() => (slack.delivered.length > 0 ? true : undefined), 15_000, 'the Slack alert');
      const driftRuns = recordedRuns(d, 'drift');
      await d.waitForLog(() => recordedRuns(d, 'drift') >= driftRuns + 2, 15_000);
      const held = await assertNothingLostOrDoubled(d, monitor);
      report.record('database back', '/readyz 200, runs recorded again, the drift alerted exactly once', held);
    } finally {
      if (down) await admin.query(`alter database ${databaseName} with allow_connections true`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
  });
});

describe('a second daemon on the same embedded PGlite directory', () => {
  const sim = new VendorSimulator();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;
  const daemons: DaemonProcess[] = [];

  beforeAll(async () => {
    await sim.start();
    ws = await workspace();
    db = await freshDatabase('pglite');
  });
  afterAll(async () => {
    await Promise.all(daemons.map((d) => d.stop()));
    await sim.stop();
    await db?.remove();
    await ws?.remove();
  });

  const start = () => {
    const daemon = new DaemonProcess([], { cwd: ws.dir, env: db.env });
    daemons.push(daemon);
    return daemon;
  };

  it('refuses to start while the first runs, naming the directory and the process, and starts once it was killed', async () => {
    sim.json('/pglite-charges', charge);
    await ws.write('charges.yaml', alertingMonitor('pglite-charges', sim.url('/pglite-charges'), ['stdout']));
    const first = start();
    await first.waitForLog((l) => l.outcome === 'baseline', 60_000);

    const second = start();
    const exit = await second.exited;
    expect(exit.code, second.output).toBe(2);
    const refusal = second.logs.find((l) => l.level === 'fatal');
    expect((refusal?.err as { message?: string } | undefined)?.message).toBe(
      `the database directory ${db.env.DRIFTWATCH_DATA_DIR} is in use by process ${first.pid}: embedded PGlite serves one process at a time (stop it, or use PostgreSQL through DATABASE_URL for several processes)`,
    );
    // The first one was not disturbed.
    const recorded = first.logs.filter((l) => typeof l.runId === 'number').length;
    await first.waitForLog(() => first.logs.filter((l) => typeof l.runId === 'number').length >= recorded + 2, 20_000);
    report.record('second daemon on the same PGlite directory', 'refuses to start (exit 2, names the directory and the process); the first runs on', true);

    // A lock left by a killed process is stale: the next daemon takes the directory over.
    first.kill('SIGKILL');
    await first.exited;
    const third = start();
    const resumed = await third.waitForLog((l) => typeof l.runId === 'number', 60_000);
    expect(resumed.outcome).toBe('ok');
    third.kill('SIGTERM');
    expect(await third.exited).toEqual({ code: 0, signal: null });
    const store = await db.open();
    try {
      expect(await halfWrittenRows(store)).toEqual([]);
      expect(await duplicates(store)).toEqual([]);
    } finally {
      await store.close();
    }
    report.record('kill -9 of the PGlite daemon, then a restart', 'the stale lock is taken over; runs go on where they stopped', true);
  }, 120_000);
});
