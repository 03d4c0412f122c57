import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spreadOffsetMs } from '../../src/daemon/spread.js';
import type { Store } from '../../src/store/db.js';
import { SlackReceiver } from '../fakes/slack-receiver.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type TestDatabase } from '../helpers/database.js';
import { workspace } from '../helpers/monitor-files.js';
import { DaemonProcess, eventually } from './daemon-process.js';
import { endpointMonitor } from './monitors.js';

const TOKEN = 'replica-test-token-0000-not-real';
const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] daemon replicas on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

const SLOT_MS = 2000;
const MONITORS = ['alpha', 'beta', 'gamma'];

async function query<T>(store: Store, text: string): Promise<T[]> {
  const result = (await store.db.execute(sql.raw(text))) as unknown as { rows: T[] };
  return result.rows;
}

describe.skipIf(!postgresUp)('two daemon replicas against one PostgreSQL database', () => {
  const sim = new VendorSimulator();
  const slack = new SlackReceiver();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;
  let store: Store;
  const daemons: DaemonProcess[] = [];

  beforeAll(async () => {
    await Promise.all([sim.start(), slack.start()]);
  });
  afterAll(async () => {
    await Promise.all([sim.stop(), slack.stop()]);
  });
  beforeEach(async () => {
    ws = await workspace();
    db = await freshDatabase('postgres');
    store = await db.open();
  });
  afterEach(async () => {
    await Promise.all(daemons.splice(0).map((d) => d.stop()));
    await store?.close();
    await db?.remove();
    await ws?.remove();
  });

  const startReplica = (id: string, extra: string[] = []) => {
    const daemon = new DaemonProcess(['--replica-id', id, ...extra], { cwd: ws.dir, env: { ...db.env, VENDOR_TOKEN: TOKEN, SLACK_WEBHOOK_URL: slack.webhookUrl } });
    daemons.push(daemon);
    return daemon;
  };

  it('runs every scheduled slot of every monitor exactly once, sends the alert of a drift once, and exits 0 on SIGTERM', async () => {
    for (const name of MONITORS) {
      sim.json(`/${name}`, { id: `${name}_1`, amount: 100, tags: ['a'] });
      await ws.write(`${name}.yaml`, endpointMonitor(name, sim.url(`/${name}`), { headers: { Authorization: 'Bearer ${VENDOR_TOKEN}' } }));
    }
    const replicas = [startReplica('replica-a'), startReplica('replica-b')];
    await Promise.all(replicas.map((r) => r.waitForLog((l) => l.msg.startsWith('scheduling 3 monitor'))));

    // Both replicas schedule every monitor; wait for several slots of each. Alpha drifts after its
    // baseline: both replicas see the drift and both run the alert worker, and Slack gets it once.
    await eventually(async () => ((await query(store, `select 1 from baselines`)).length >= 1 ? true : undefined), 30_000, 'a first baseline');
    await eventually(async () => ((await query(store, `select 1 from runs r join monitors m on m.id = r.monitor_id where m.name = 'alpha'`)).length >= 1 ? true : undefined), 30_000, 'the baseline of alpha');
    sim.json('/alpha', { id: 'alpha_1', amount: 100 });
    await eventually(async () => {
      const rows = await query<{ n: number }>(store, `select count(*)::int as n from runs group by monitor_id having count(*) >= 6`);
      return rows.length === MONITORS.length && slack.delivered.length >= 1 ? true : undefined;
    }, 60_000, 'six runs of each monitor and an alert');

    for (const replica of replicas) replica.kill('SIGTERM');
    const exits = await Promise.all(replicas.map((r) => r.exited));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);

    const runs = await query<{ monitor: string; slot: string; outcome: string; id: number; delay: number }>(
      store,
      `select m.name as monitor, to_char(r.scheduled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as slot, r.outcome, r.id::int as id,
              (extract(epoch from r.started_at - r.scheduled_at) * 1000)::int as delay
       from runs r join monitors m on m.id = r.monitor_id order by m.name, r.scheduled_at`,
    );
    // Monitors sharing a schedule start at their own offsets into the interval, never before.
    const offsets = MONITORS.map((name) => spreadOffsetMs(name, SLOT_MS, { fraction: 0.5, maxMs: 300_000 }));
    expect(new Set(offsets).size).toBe(MONITORS.length);
    for (const run of runs) expect(run.delay, `${run.monitor} ${run.slot}`).toBeGreaterThanOrEqual(offsets[MONITORS.indexOf(run.monitor)]! - 2);
    for (const name of MONITORS) {
      const mine = runs.filter((r) => r.monitor === name);
      // Each slot once, and no slot skipped between the first and the last one run.
      const slots = mine.map((r) => Date.parse(`${r.slot}Z`));
      expect(new Set(slots).size, `${name}: one run per slot`).toBe(slots.length);
      const gaps = slots.slice(1).map((s, i) => s - slots[i]!);
      expect(gaps.every((g) => g === SLOT_MS), `${name}: consecutive slots ${JSON.stringify(mine.map((r) => r.slot))}`).toBe(true);
      // Each run is one request at the vendor: nothing probed twice and thrown away.
      expect(sim.requests(`/${name}`).length, `${name}: requests at the simulator`).toBe(mine.length);
      const outcomes = mine.map((r) => r.outcome).join(',');
      if (name === 'alpha') expect(outcomes).toMatch(/^baseline(,ok)*(,drift){3,}$/);
      else expect(outcomes).toMatch(/^baseline(,ok)+$/);
    }
    const alerts = slack.posts.map((p) => JSON.stringify(p.body));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('alpha');
    expect(await query(store, `select channel, status from alert_outbox`)).toEqual([{ channel: 'slack', status: 'delivered' }]);

    // Every run row is claimed by exactly one replica's log.
    const logged = replicas.map((r) => r.logs.filter((l) => typeof l.runId === 'number').map((l) => l.runId as number));
    expect([...logged[0]!, ...logged[1]!].sort((a, b) => a - b)).toEqual(runs.map((r) => r.id).sort((a, b) => a - b));
    for (const replica of replicas) {
      expect(replica.logs.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
      expect(replica.output).not.toContain(TOKEN);
    }
    // Each monitor's last lease ended: its run was recorded, or it was released.
    const leases = await query<{ monitor: string; ended: boolean }>(
      store,
      `select l.monitor, (l.released_at is not null or exists (select 1 from runs r join monitors m on m.id = r.monitor_id where m.name = l.monitor and r.scheduled_at = l.slot)) as ended
       from monitor_leases l order by l.monitor`,
    );
    expect(leases).toEqual(MONITORS.map((monitor) => ({ monitor, ended: true })));
    console.info(`[replicas] runs per replica: a=${logged[0]!.length} b=${logged[1]!.length}`);
  });

  it('lets the other replica take over a monitor once the lease of a replica killed mid-run expires', async () => {
    sim.json('/slow', { id: 'slow_1' });
    await ws.write('slow.yaml', endpointMonitor('slow', sim.url('/slow')));
    // The first request is answered; the second stalls until the replica probing it is gone.
    const first = startReplica('replica-a', ['--lease-ttl-ms', '3000']);
    await first.waitForLog((l) => l.outcome === 'baseline');
    sim.stallNext('/slow', 60_000);
    const stalledAt = sim.requests('/slow').length + 1;
    await eventually(() => (sim.requests('/slow').length >= stalledAt ? true : undefined), 10_000, 'the stalled request');
    first.kill('SIGKILL');
    await first.exited;

    const [lease] = await query<{ holder: string; released: boolean; live: boolean; expires: string }>(
      store,
      `select holder, released_at is not null as released, expires_at > now() as live, expires_at::text as expires from monitor_leases where monitor = 'slow'`,
    );
    expect(lease).toMatchObject({ holder: 'replica-a', released: false, live: true });

    const second = startReplica('replica-b', ['--lease-ttl-ms', '3000']);
    const taken = await second.waitForLog((l) => l.outcome === 'ok', 20_000);
    expect(taken.monitor).toBe('slow');
    const [after] = await query<{ holder: string }>(store, `select holder from monitor_leases where monitor = 'slow'`);
    expect(after!.holder).toBe('replica-b');
    // The baseline, then the survivor's run, which started only once the dead replica's lease had expired; the killed run left nothing.
    const runs = await query<{ outcome: string; after_expiry: boolean }>(
      store,
      `select outcome, started_at >= '${lease!.expires}'::timestamptz as after_expiry from runs order by id`,
    );
    expect(runs).toEqual([
      { outcome: 'baseline', after_expiry: false },
      { outcome: 'ok', after_expiry: true },
    ]);
    second.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
