import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type TestDatabase } from '../helpers/database.js';
import { workspace } from '../helpers/monitor-files.js';
import { halfWrittenRows } from './consistency.js';
import { DaemonProcess } from './daemon-process.js';
import { endpointMonitor } from './monitors.js';
import { parseMetrics } from './prometheus.js';

const TOKEN = 'endpoints-test-token-not-real-42';
const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] daemon readiness on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

const charge = { id: 'ch_1', amount: 1200, currency: 'usd', customer: { id: 'cus_1', email: 'jo@example.com' } };

describe('driftwatch run on embedded PGlite: /healthz, /readyz, /metrics and logs', () => {
  const sim = new VendorSimulator();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;
  let daemon: DaemonProcess | undefined;

  beforeAll(async () => {
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(async () => {
    ws = await workspace();
    db = await freshDatabase('pglite');
  });
  afterEach(async () => {
    await daemon?.stop();
    await db?.remove();
    await ws?.remove();
  });

  it('reports liveness, readiness and the probes it ran by outcome, logs each run as JSON without secrets, and stops with exit 0', async () => {
    sim.json('/charges', charge);
    await ws.write('charges.yaml', endpointMonitor('charges', sim.url('/charges'), { headers: { Authorization: 'Bearer ${VENDOR_TOKEN}' } }));
    await ws.write('broken.yaml', 'name: broken\nkind: endpoint\nrequest:\n  url: http://127.0.0.1:1/x\nschedul: "* * * * *"\n');
    daemon = new DaemonProcess([], { cwd: ws.dir, env: { ...db.env, VENDOR_TOKEN: TOKEN } });

    const health = await daemon.get('/healthz');
    expect(health).toEqual({ status: 200, body: '{"status":"ok"}\n', contentType: 'application/json' });

    // Opening PGlite takes seconds, more on a busy machine.
    const baseline = await daemon.waitForLog((l) => l.outcome === 'baseline', 90_000);
    expect(baseline).toMatchObject({ level: 'info', monitor: 'charges', runId: 1, baselineVersion: 1, msg: 'baseline recorded' });
    expect(Number.isNaN(Date.parse(baseline.slot as string))).toBe(false);
    sim.json('/charges', { ...charge, customer: { id: 'cus_1' } });
    const drift = await daemon.waitForLog((l) => l.outcome === 'drift');
    expect(drift).toMatchObject({ level: 'warn', monitor: 'charges', summary: { breaking: 1, warning: 0, info: 0 } });
    sim.failNext('/charges', 1, 500);
    const failure = await daemon.waitForLog((l) => l.outcome === 'failure');
    expect(failure).toMatchObject({ level: 'warn', monitor: 'charges', failure: { kind: 'http-500' } });

    const ready = await daemon.get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({
      status: 'ready',
      checks: {
        database: { ok: true, detail: `pglite: ${db.env.DRIFTWATCH_DATA_DIR}` },
        migrations: { ok: true, detail: 'latest applied: 0003_daemon_leases' },
        monitors: { ok: true, detail: '1 scheduled, 1 file(s) with errors (see the log)' },
      },
    });

    const metrics = await daemon.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const samples = parseMetrics(metrics.body);
    const outcomes = ['baseline', 'ok', 'drift', 'failure'].map((o) => samples.get(`driftwatch_probes_total{monitor="charges",outcome="${o}"}`) ?? 0);
    expect(outcomes[0]).toBe(1);
    expect(outcomes[2]).toBeGreaterThanOrEqual(1);
    expect(outcomes[3]).toBe(1);
    const probes = outcomes.reduce((a, b) => a + b, 0);
    expect(samples.get('driftwatch_probe_failures_total{monitor="charges",kind="http-500"}')).toBe(1);
    expect(samples.get('driftwatch_drift_events_total{monitor="charges",level="breaking"}')).toBe(outcomes[2]);
    expect(samples.get('driftwatch_scheduler_lag_seconds_count')).toBe(probes);
    expect(samples.get('driftwatch_probe_duration_seconds_count{outcome="failure"}')).toBe(1);
    expect(samples.get('driftwatch_monitors')).toBe(1);
    expect(samples.get('driftwatch_monitor_file_errors')).toBe(1);
    expect(samples.get('driftwatch_outbox_backlog')).toBe(0);
    expect(samples.get('process_resident_memory_bytes')).toBeGreaterThan(0);
    for (const name of ['driftwatch_alert_deliveries_total', 'driftwatch_alert_delivery_failures_total', 'driftwatch_runs_skipped_total']) {
      expect(metrics.body).toContain(`# TYPE ${name} counter`);
    }

    // The invalid file is logged once, by name, with what is wrong; the valid monitor kept running.
    const fileErrors = daemon.logs.filter((l) => l.level === 'error' && typeof l.file === 'string');
    expect(fileErrors).toHaveLength(1);
    expect(fileErrors[0]).toMatchObject({ file: `${ws.monitors}/broken.yaml`, monitor: 'broken' });
    expect(fileErrors[0]!.msg).toContain('schedul');
    expect(await daemon.get('/nowhere')).toMatchObject({ status: 404 });

    daemon.kill('SIGINT');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
    expect(daemon.output).not.toContain(TOKEN);
    const store = await db.open();
    try {
      expect(await halfWrittenRows(store)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 180_000);
});

describe.skipIf(!postgresUp)('driftwatch run readiness', () => {
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;
  let daemon: DaemonProcess | undefined;

  beforeEach(async () => {
    ws = await workspace();
    db = await freshDatabase('postgres');
  });
  afterEach(async () => {
    await daemon?.stop();
    await db?.remove();
    await ws?.remove();
  });

  it('is alive but not ready while its monitors directory cannot be read', async () => {
    daemon = new DaemonProcess(['--monitors', `${ws.dir}/missing`], { cwd: ws.dir, env: db.env });
    await daemon.waitForLog((l) => l.msg.startsWith('scheduling 0 monitor'));
    expect((await daemon.get('/healthz')).status).toBe(200);
    const ready = await daemon.get('/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({
      status: 'not ready',
      checks: { database: { ok: true }, migrations: { ok: true }, monitors: { ok: false, detail: 'monitors directory cannot be read' } },
    });
    daemon.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
  });
});
