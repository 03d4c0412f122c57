import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailChannel } from '../../src/alert/channels/email.js';
import { slackChannel } from '../../src/alert/channels/slack.js';
import type { Channel } from '../../src/alert/channels/channel.js';
import type { DriftAlert } from '../../src/alert/message.js';
import { AlertWorker, type FailedEvent } from '../../src/alert/worker.js';
import type { Store } from '../../src/store/db.js';
import { claimOutbox } from '../../src/store/claimOutbox.js';
import { completeOutbox } from '../../src/store/completeOutbox.js';
import { failOutbox } from '../../src/store/failOutbox.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type Driver, type TestDatabase } from '../helpers/database.js';
import { dumpTables } from '../helpers/dump-tables.js';
import { SlackReceiver } from '../fakes/slack-receiver.js';
import { TestSmtpServer } from '../fakes/smtp-server.js';
import { emptyTables, outboxRows, outboxStatus, queueDriftAlerts, sleep } from './helpers.js';

const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] alert outbox on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

/** Retries fast enough for a test; the policy's shape (exponential, jittered, capped) is the production one. */
const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 100 };

describe.each<Driver>(['pglite', 'postgres'])('alert outbox on %s', (driver) => {
  const slack = new SlackReceiver();
  const smtp = new TestSmtpServer();
  let db: TestDatabase;
  let store: Store;
  let channels: Channel[];
  const workers: AlertWorker[] = [];

  const worker = (options: Partial<ConstructorParameters<typeof AlertWorker>[0]> = {}) => {
    const w = new AlertWorker({ db: store.db, channels, retry: FAST_RETRY, pollIntervalMs: 20, secrets: [slack.webhookUrl, smtp.password], ...options });
    workers.push(w);
    return w;
  };
  /** Baseline versions (one per queued alert) of what arrived, in order of arrival. */
  const slackVersions = () => slack.delivered.map((b) => Number(/baseline v(\d+)/.exec(JSON.stringify(b))![1]));
  const mailVersions = async () => {
    const out: number[] = [];
    for (let i = 0; i < smtp.received.length; i++) out.push(Number(/baseline v(\d+)/.exec((await smtp.parse(i)).text ?? '')![1]));
    return out;
  };

  beforeAll(async () => {
    if (driver === 'postgres' && !postgresUp) return;
    await slack.start();
    await smtp.start();
    db = await freshDatabase(driver);
    store = await db.open();
  });
  afterAll(async () => {
    await slack.stop();
    await smtp.stop();
    await store?.close();
    await db?.remove();
  });
  beforeEach(async (ctx) => {
    if (driver === 'postgres' && !postgresUp) ctx.skip();
    await emptyTables(store);
    slack.posts.length = 0;
    smtp.received.length = 0;
    channels = [slackChannel({ webhookUrl: slack.webhookUrl }), emailChannel({ smtpUrl: smtp.url, from: 'alerts@acme.test', to: ['oncall@acme.test'], timeoutMs: 2000 })];
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) {
      expect(w.running, 'a worker was left running').toBe(false);
    }
    await Promise.all(channels?.map((c) => c.close?.()) ?? []);
  });

  it('delivers every alert exactly once through a Slack 500/429 storm and an SMTP outage', async () => {
    await queueDriftAlerts(store, 6, ['slack', 'email']);
    slack.failNext(4, 500).rateLimitNext(2, 1).failNext(3, 503);
    await smtp.stop();
    const w = worker();
    const failures: FailedEvent[] = [];
    w.on('failed', (e) => failures.push(e));

    // The SMTP server is down: Slack gets through its storm, email keeps failing and waits.
    for (let i = 0; i < 60 && slack.delivered.length < 6; i++) await w.runOnce({ waitMs: 500 });
    expect(slackVersions().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(smtp.received).toHaveLength(0);
    expect(failures.filter((f) => f.channel === 'email').length).toBeGreaterThan(0);
    expect(failures.filter((f) => f.channel === 'email').every((f) => f.error.startsWith('SMTP: ') && !f.error.includes(smtp.password))).toBe(true);
    expect(await outboxStatus(store)).toEqual({ delivered: 6, pending: 6 });

    // A 429 carries Retry-After: 1, and the next attempt was scheduled no sooner.
    const rateLimited = failures.filter((f) => f.error.startsWith('Slack answered HTTP 429'));
    expect(rateLimited).toHaveLength(2);
    for (const f of rateLimited) expect(f.retryInMs).toBeGreaterThanOrEqual(1000);

    // The SMTP server comes back; one more run delivers the rest, once each.
    await smtp.start();
    smtp.refuseNext(2);
    await w.runOnce({ waitMs: 8_000 });
    expect((await mailVersions()).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set((await Promise.all(smtp.received.map((_, i) => smtp.parse(i)))).map((m) => m.messageId)).size).toBe(6);
    expect(slack.delivered).toHaveLength(6);
    expect(await outboxStatus(store)).toEqual({ delivered: 12 });
    expect(w.counters.slack).toMatchObject({ delivered: 6, dead: 0 });
    expect(w.counters.email).toMatchObject({ delivered: 6, dead: 0 });
    expect(slack.posts.length).toBe(6 + 4 + 2 + 3);

    const tables = await dumpTables(store);
    for (const line of tables.alert_outbox) {
      expect(line).not.toContain(smtp.password);
      expect(line).not.toContain(slack.hookPath);
    }
  });

  it('stops posting to Slack for as long as a 429 Retry-After says', async () => {
    await queueDriftAlerts(store, 3, ['slack']);
    slack.rateLimitNext(1, 2);
    const w = worker();
    await w.runOnce();
    // Two more alerts were due, but Slack asked for two seconds of quiet: nothing else was posted.
    expect(slack.posts.map((p) => p.status)).toEqual([429]);
    await w.runOnce({ waitMs: 10_000 });
    expect(slack.posts.map((p) => p.status)).toEqual([429, 200, 200, 200]);
    expect(slackVersions().sort()).toEqual([1, 2, 3]);
  });

  it('re-claims a delivery whose worker died between claim and delivery, once its lock expires', async () => {
    await queueDriftAlerts(store, 1, ['slack']);
    const claimed = await claimOutbox(store.db, 'worker-that-died', ['slack']);
    expect(claimed).toMatchObject({ channel: 'slack', attempts: 1, lockedBy: 'worker-that-died' });

    // A restarted worker leaves the row alone while the lock is fresh...
    const restarted = worker({ lockTimeoutMs: 300 });
    expect(await restarted.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(slack.posts).toHaveLength(0);
    // ...and delivers it once the lock has expired.
    await sleep(400);
    expect(await restarted.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(slack.delivered).toHaveLength(1);
    const [row] = await outboxRows(store);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, lockedBy: null });

    // The dead worker's late report cannot undo or repeat the delivery.
    expect(await failOutbox(store.db, { id: claimed!.id, workerId: 'worker-that-died', error: 'late' })).toBeUndefined();
    await completeOutbox(store.db, claimed!.id);
    expect(await restarted.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(slack.posts).toHaveLength(1);
  });

  it('shares the outbox between workers without sending anything twice', async () => {
    await queueDriftAlerts(store, 20, ['slack']);
    // Two processes on PostgreSQL; PGlite is embedded in one process, so there the workers share it.
    const other = driver === 'postgres' ? await db.open() : undefined;
    try {
      const a = worker();
      const b = new AlertWorker({ db: (other ?? store).db, channels, retry: FAST_RETRY });
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(ra.delivered + rb.delivered).toBe(20);
      expect(slackVersions().sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(slack.posts).toHaveLength(20);
    } finally {
      await other?.close();
    }
  });

  it('gives a delivery up after its last attempt and keeps it for inspection', async () => {
    await queueDriftAlerts(store, 1, ['slack']);
    slack.failNext(3, 500);
    const w = worker({ retry: { ...FAST_RETRY, maxAttempts: 3 } });
    const result = await w.runOnce({ waitMs: 5_000 });
    expect(result).toEqual({ delivered: 0, failed: 2, dead: 1 });
    const [row] = await outboxRows(store);
    expect(row).toMatchObject({ status: 'dead', attempts: 3, lastError: 'Slack answered HTTP 500: internal_error' });
    expect(await w.backlog()).toEqual([{ channel: 'slack', pending: 0, dead: 1, nextDueInMs: undefined, oldestPendingMs: undefined }]);
  });

  it('runs continuously when started, delivers what is queued meanwhile, and stops on abort', async () => {
    const w = worker();
    const controller = new AbortController();
    const delivered: number[] = [];
    w.on('delivered', (e) => delivered.push(e.id));
    w.start(controller.signal);
    expect(w.running).toBe(true);
    await queueDriftAlerts(store, 2, ['slack', 'email']);
    w.nudge();
    for (let i = 0; i < 200 && delivered.length < 4; i++) await sleep(25);
    controller.abort();
    await w.stop();
    expect(w.running).toBe(false);
    expect(delivered).toHaveLength(4);
    expect(w.counters).toEqual({ slack: { delivered: 2, failed: 0, dead: 0 }, email: { delivered: 2, failed: 0, dead: 0 } });
  });

  it('leaves rows for a channel this process cannot deliver to for one that can', async () => {
    await queueDriftAlerts(store, 1, ['slack', 'email']);
    const slackOnly = worker({ channels: [channels[0]!] });
    expect(await slackOnly.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    const backlog = await slackOnly.backlog();
    expect(backlog.map((b) => [b.channel, b.pending])).toEqual([['email', 1]]);
    expect(backlog[0]!.nextDueInMs).toBe(0);
    expect(smtp.received).toHaveLength(0);
    const payload = (await outboxRows(store)).find((r) => r.channel === 'email')!.payload as DriftAlert;
    expect(payload.type).toBe('drift');
  });
});
