import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackChannel } from '../../src/alert/channels/slack.js';
import type { AlertMessage } from '../../src/alert/message.js';
import { alertQueue } from '../../src/alert/queue.js';
import { AlertWorker } from '../../src/alert/worker.js';
import { runCheck, type CheckResult } from '../../src/check/runCheck.js';
import { buildMonitor } from '../../src/config/load.js';
import type { Monitor } from '../../src/config/types.js';
import type { Store } from '../../src/store/db.js';
import { alertNotices, alertOutbox, driftEvents, runs } from '../../src/store/schema.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type Driver, type TestDatabase } from '../helpers/database.js';
import { SlackReceiver } from '../fakes/slack-receiver.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { emptyTables } from './helpers.js';

const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] alert dedup and flap suppression on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

const TOKEN = 'vendor-token-not-real-92ab';
const charge = { id: 'ch_1', amount: 1200, currency: 'usd', customer: { id: 'cus_1', email: 'jo@example.com' } };
const withoutEmail = { id: 'ch_1', amount: 1200, currency: 'usd', customer: { id: 'cus_1' } };
const amountAsString = { ...withoutEmail, amount: '1200' };
const withReceipt = { ...charge, receipt_url: 'https://example.com/r/1' };

const T0 = Date.parse('2025-03-14T00:00:00.000Z');
const MINUTE = 60_000;

describe.each<Driver>(['pglite', 'postgres'])('alert dedup and flap suppression on %s', (driver) => {
  const sim = new VendorSimulator();
  let db: TestDatabase;
  let store: Store;
  let clock = T0;
  const queueAlerts = alertQueue({ settings: { defaultChannels: ['slack', 'email'], secrets: [] } });

  const monitor = (doc: Record<string, unknown> = {}): Monitor =>
    buildMonitor(
      {
        name: 'charges',
        kind: 'endpoint',
        request: { url: sim.url('/v1/charges'), headers: { Authorization: 'Bearer ${TOKEN}' } },
        // These scenarios are about alert policy: the host's breaker (real time) must not turn failures into fast-fails.
        circuitBreaker: { threshold: 1000 },
        ...doc,
      },
      'monitors/charges.yaml',
      { TOKEN },
    );
  /** One probe, `minutes` after the previous one. */
  const probe = (m: Monitor, minutes = 15): Promise<CheckResult> => {
    clock += minutes * MINUTE;
    const at = clock;
    return runCheck(m, { store, queueAlerts, now: () => new Date(at) });
  };
  const outbox = () => store.db.select().from(alertOutbox).orderBy(asc(alertOutbox.id));
  /** `kind/channel` of each queued alert, in order. */
  const queued = async () => (await outbox()).map((r) => `${r.kind}/${r.channel}`);

  beforeAll(async () => {
    await sim.start();
    if (driver === 'postgres' && !postgresUp) return;
    db = await freshDatabase(driver);
    store = await db.open();
  });
  afterAll(async () => {
    await sim.stop();
    await store?.close();
    await db?.remove();
  });
  beforeEach(async (ctx) => {
    if (driver === 'postgres' && !postgresUp) ctx.skip();
    await emptyTables(store);
    clock = T0;
    sim.respond('/v1/charges', { json: charge });
    sim.requireTokens('/v1/charges', [TOKEN]);
  });

  it('alerts once for a drift seen on 20 probes, and reminds while it stays open', async () => {
    const m = monitor({ alert: { remindAfter: '2h' } });
    expect((await probe(m, 0)).status).toBe('baseline');
    sim.json('/v1/charges', withoutEmail);
    const statuses: string[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await probe(m)).status);
    expect(statuses).toEqual(Array(20).fill('drift'));
    expect(await store.db.select().from(driftEvents)).toHaveLength(20);

    // Confirmed on the second probe (00:30); reminded 2 h after the last notice (02:30, 04:30).
    const rows = await outbox();
    expect(rows.map((r) => [r.kind, r.channel, new Date((r.payload as AlertMessage).at).toISOString().slice(11, 16)])).toEqual([
      ['drift', 'slack', '00:30'],
      ['drift', 'email', '00:30'],
      ['reminder', 'slack', '02:30'],
      ['reminder', 'email', '02:30'],
      ['reminder', 'slack', '04:30'],
      ['reminder', 'email', '04:30'],
    ]);
    const first = rows[0]!.payload as AlertMessage;
    expect(first).toMatchObject({ type: 'drift', severity: 'breaking', seenOn: 2, summary: { breaking: 1, warning: 0, info: 0 } });
    expect(rows[4]!.payload).toMatchObject({ type: 'drift', reminder: { number: 2, openSince: '2025-03-14T00:15:00.000Z' } });
    expect(JSON.stringify(rows.map((r) => r.payload))).not.toContain(TOKEN);

    // Delivered, that is one Slack message and two reminders, whatever the number of probes.
    const slack = await new SlackReceiver().start();
    try {
      const worker = new AlertWorker({ db: store.db, channels: [slackChannel({ webhookUrl: slack.webhookUrl })] });
      expect(await worker.runOnce()).toEqual({ delivered: 3, failed: 0, dead: 0 });
      expect(slack.delivered.map((b) => (b as { text: string }).text)).toEqual([
        'Breaking drift in charges: 1 breaking, 0 warning, 0 info',
        'Reminder: breaking drift in charges is still open: 1 breaking, 0 warning, 0 info',
        'Reminder: breaking drift in charges is still open: 1 breaking, 0 warning, 0 info',
      ]);
    } finally {
      await slack.stop();
    }
  });

  it('alerts again for a new change on the same monitor, and not for one it already reported', async () => {
    const m = monitor({ alert: { channels: ['slack'] } });
    await probe(m, 0);
    sim.json('/v1/charges', withoutEmail);
    await probe(m);
    await probe(m);
    expect(await queued()).toEqual(['drift/slack']);

    sim.json('/v1/charges', amountAsString);
    await probe(m);
    await probe(m);
    expect(await queued()).toEqual(['drift/slack', 'drift/slack']);
    const second = (await outbox())[1]!.payload as AlertMessage;
    expect(second.type === 'drift' && second.changes.map((c) => c.id).sort()).toEqual(['response-property-removed', 'response-type-changed']);

    // The vendor goes back to the first change: already reported against this baseline.
    sim.json('/v1/charges', withoutEmail);
    await probe(m);
    await probe(m);
    expect(await queued()).toEqual(['drift/slack', 'drift/slack']);
  });

  it('records, but does not alert, a change that comes and goes within the confirmation count', async () => {
    const m = monitor({ alert: { channels: ['slack'] } });
    await probe(m, 0);
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) {
      sim.json('/v1/charges', i % 2 === 0 ? withoutEmail : charge);
      outcomes.push((await probe(m)).status);
    }
    expect(outcomes).toEqual(['drift', 'ok', 'drift', 'ok', 'drift', 'ok', 'drift', 'ok', 'drift', 'ok']);
    expect(await store.db.select().from(driftEvents)).toHaveLength(5);
    expect(await queued()).toEqual([]);

    // Seen twice in a row, it is confirmed.
    sim.json('/v1/charges', withoutEmail);
    await probe(m);
    expect(await queued()).toEqual([]);
    await probe(m);
    expect(await queued()).toEqual(['drift/slack']);
  });

  it('confirms as configured: failed probes neither confirm nor interrupt a streak', async () => {
    const m = monitor({ alert: { channels: ['slack'], confirm: 3 } });
    await probe(m, 0);
    sim.json('/v1/charges', withoutEmail);
    await probe(m);
    await probe(m);
    sim.respond('/v1/charges', { status: 500, json: { error: 'maintenance' } });
    expect((await probe(m)).status).toBe('failure');
    expect(await queued()).toEqual([]);
    sim.json('/v1/charges', withoutEmail);
    await probe(m);
    expect(await queued()).toEqual(['drift/slack']);
  });

  it('alerts on the first sighting for a spec, whose document is not a sample', async () => {
    const spec = buildMonitor({ name: 'charge-schema', kind: 'jsonschema', request: { url: sim.url('/schema/charge.json') }, alert: { channels: ['email'] } }, 'monitors/charge-schema.yaml', {});
    sim.json('/schema/charge.json', { type: 'object', required: ['id'], properties: { id: { type: 'string' }, email: { type: 'string' } } });
    await probe(spec, 0);
    sim.json('/schema/charge.json', { type: 'object', required: ['id'], properties: { id: { type: 'string' } } });
    expect((await probe(spec)).status).toBe('drift');
    expect(await queued()).toEqual(['drift/email']);
  });

  it('alerts only on changes at or above the minimum level', async () => {
    const quiet = monitor({ alert: { channels: ['slack'] } });
    await probe(quiet, 0);
    sim.json('/v1/charges', withReceipt);
    await probe(quiet);
    await probe(quiet);
    expect(await queued()).toEqual([]);

    const chatty = monitor({ alert: { channels: ['slack'], minLevel: 'info' } });
    await probe(chatty);
    await probe(chatty);
    expect(await queued()).toEqual(['drift/slack']);
    expect((await outbox())[0]!.payload).toMatchObject({ type: 'drift', severity: 'info', summary: { breaking: 0, warning: 0, info: 1 } });
  });

  it('reports a probe failing after consecutive failures, once, and its recovery', async () => {
    const m = monitor({ alert: { channels: ['slack'], failingAfter: 3 } });
    await probe(m, 0);
    sim.respond('/v1/charges', { status: 500, json: { error: 'maintenance' } });
    for (let i = 0; i < 2; i++) await probe(m);
    expect(await queued()).toEqual([]);
    for (let i = 0; i < 5; i++) await probe(m);
    expect(await queued()).toEqual(['probe-failing/slack']);
    expect((await outbox())[0]!.payload).toMatchObject({
      type: 'probe-failing',
      failure: { kind: 'http-500', httpStatus: 500 },
      consecutiveFailures: 3,
      failingSince: '2025-03-14T00:15:00.000Z',
    });

    sim.json('/v1/charges', charge);
    await probe(m);
    await probe(m);
    expect(await queued()).toEqual(['probe-failing/slack', 'recovered/slack']);
    expect((await outbox())[1]!.payload).toMatchObject({ type: 'recovered', failedProbes: 7, failingSince: '2025-03-14T00:15:00.000Z' });

    // A later streak is a new episode with its own alert.
    sim.respond('/v1/charges', { status: 500, json: { error: 'maintenance' } });
    for (let i = 0; i < 3; i++) await probe(m);
    expect(await queued()).toEqual(['probe-failing/slack', 'recovered/slack', 'probe-failing/slack']);
  });

  it('calls out expired credentials as such, and reminds while they stay rejected', async () => {
    const m = monitor({ alert: { channels: ['slack'], remindAfter: '1h' } });
    await probe(m, 0);
    sim.requireTokens('/v1/charges', ['the-rotated-token']);
    for (let i = 0; i < 3; i++) await probe(m, 30);
    for (let i = 0; i < 2; i++) await probe(m, 30);
    expect(await queued()).toEqual(['probe-failing/slack', 'reminder/slack']);
    const [alert, reminder] = (await outbox()).map((r) => r.payload as AlertMessage);
    expect(alert).toMatchObject({ type: 'probe-failing', failure: { kind: 'auth', httpStatus: 401 }, consecutiveFailures: 3 });
    expect(reminder).toMatchObject({ type: 'probe-failing', reminder: { number: 1 }, consecutiveFailures: 5 });
    const slack = await new SlackReceiver().start();
    try {
      await new AlertWorker({ db: store.db, channels: [slackChannel({ webhookUrl: slack.webhookUrl })] }).runOnce();
      expect(slack.delivered.map((b) => (b as { text: string }).text)).toEqual(['Credentials rejected for charges', 'Reminder: Credentials rejected for charges']);
      expect(JSON.stringify(slack.delivered)).toContain('the token or key has probably expired or been revoked');
      expect(JSON.stringify(slack.delivered)).not.toContain(TOKEN);
    } finally {
      await slack.stop();
    }
  });

  it('writes the run and its alerts together or not at all', async () => {
    const m = monitor({ alert: { channels: ['slack'], confirm: 1 } });
    await probe(m, 0);
    sim.json('/v1/charges', withoutEmail);
    const failing = async (...args: Parameters<typeof queueAlerts>) => {
      await queueAlerts(...args);
      throw new Error('the database went away mid-transaction');
    };
    await expect(runCheck(m, { store, queueAlerts: failing, now: () => new Date(T0 + MINUTE) })).rejects.toThrow('went away');
    expect(await store.db.select().from(runs)).toHaveLength(1);
    expect(await store.db.select().from(driftEvents)).toHaveLength(0);
    expect(await store.db.select().from(alertNotices)).toHaveLength(0);
    expect(await queued()).toEqual([]);
    // The next probe sees the drift again, and this time it is stored with its alert.
    await probe(m);
    expect(await queued()).toEqual(['drift/slack']);
  });
});
