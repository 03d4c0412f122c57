import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { DaemonProcess, eventually } from '../daemon/daemon-process.js';
import { parseMetrics } from '../daemon/prometheus.js';
import { SlackReceiver } from '../fakes/slack-receiver.js';
import { TestSmtpServer } from '../fakes/smtp-server.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { workspace } from '../helpers/monitor-files.js';
import { chaosReport } from './report.js';
import { alertingMonitor, charge, driftedCharge, duplicates, outbox, slackPostsFor } from './setup.js';

const report = chaosReport('channel faults (Slack and SMTP down, then back)');
afterAll(() => report.print());

/**
 * A long outage in few seconds: the worker retries from 20 ms, doubling up to 100 ms, so each
 * second of the test stands for many minutes of attempts at the production settings.
 */
const FAST_DELIVERY = { ALERT_POLL_MS: '50', ALERT_RETRY_BASE_MS: '20', ALERT_RETRY_MAX_MS: '100' };

describe('Slack and the SMTP server down for a long while, then back (embedded PGlite)', () => {
  const sim = new VendorSimulator();
  const slack = new SlackReceiver();
  const smtp = new TestSmtpServer();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;
  let daemon: DaemonProcess | undefined;

  beforeAll(async () => {
    await sim.start();
    await slack.start();
    await smtp.start();
  });
  afterAll(async () => {
    await sim.stop();
    await slack.stop();
    await smtp.stop();
  });
  beforeEach(async () => {
    ws = await workspace();
    db = await freshDatabase('pglite');
  });
  afterEach(async () => {
    await daemon?.stop();
    daemon = undefined;
    await db?.remove();
    await ws?.remove();
  });

  const startDaemon = (env: Record<string, string>) => {
    daemon = new DaemonProcess([], {
      cwd: ws.dir,
      env: {
        ...db.env,
        SLACK_WEBHOOK_URL: slack.webhookUrl,
        SMTP_URL: smtp.url,
        ALERT_EMAIL_FROM: 'driftwatch@acme.test',
        ALERT_EMAIL_TO: 'oncall@acme.test',
        ...FAST_DELIVERY,
        ...env,
      },
    });
    return daemon;
  };
  const metric = async (d: DaemonProcess, name: string) => parseMetrics((await d.get('/metrics')).body).get(name) ?? 0;
  /** The store is opened only once the daemon has stopped: PGlite serves one process. */
  async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const store = await db.open();
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  it('delivers every alert exactly once per channel after Slack answered 500, then refused connections, and SMTP was down', async () => {
    const monitors = ['chan-alpha', 'chan-beta'];
    for (const name of monitors) {
      sim.json(`/${name}`, charge);
      await ws.write(`${name}.yaml`, alertingMonitor(name, sim.url(`/${name}`), ['slack', 'email']));
    }
    slack.posts.length = 0;
    smtp.received.length = 0;
    const slackPort = slack.listeningPort;
    slack.failNext(1_000_000, 500);
    await smtp.stop();
    const d = startDaemon({});
    await d.waitForLog(() => d.logs.filter((l) => l.outcome === 'baseline').length === monitors.length, 20_000);
    for (const name of monitors) sim.json(`/${name}`, driftedCharge);

    // Slack answers 500 for a while, then is gone altogether (connection refused); SMTP is down throughout.
    await eventually(async () => ((await metric(d, 'driftwatch_alert_delivery_failures_total{channel="slack"}')) >= 20 ? true : undefined), 30_000, '20 failed Slack attempts (HTTP 500)');
    await slack.stop();
    const refusedFrom = await metric(d, 'driftwatch_alert_delivery_failures_total{channel="slack"}');
    await eventually(async () => ((await metric(d, 'driftwatch_alert_delivery_failures_total{channel="slack"}')) >= refusedFrom + 20 ? true : undefined), 30_000, '20 failed Slack attempts (refused)');
    await eventually(async () => ((await metric(d, 'driftwatch_alert_delivery_failures_total{channel="email"}')) >= 40 ? true : undefined), 30_000, '40 failed email attempts');
    expect(await metric(d, 'driftwatch_alert_deliveries_total{channel="slack"}')).toBe(0);
    expect(await metric(d, 'driftwatch_alert_deliveries_total{channel="email"}')).toBe(0);
    expect(await metric(d, 'driftwatch_outbox_backlog')).toBe(monitors.length * 2);
    const failed = d.logs.filter((l) => l.msg === 'alert delivery failed');
    expect(failed.some((l) => l.channel === 'slack' && String(l.err).startsWith('Slack answered HTTP 500'))).toBe(true);
    expect(failed.some((l) => l.channel === 'slack' && String(l.err).startsWith('could not reach Slack') && String(l.err).includes('ECONNREFUSED'))).toBe(true);
    expect(failed.some((l) => l.channel === 'email' && String(l.err).includes('ECONNREFUSED'))).toBe(true);
    expect(d.output).not.toContain(slack.hookPath);
    expect(d.output).not.toContain(smtp.password);
    report.record('Slack 500 then connection refused, SMTP down (40+ attempts each)', 'alerts wait in the outbox; failures logged and counted per channel', true);

    // Both come back on the same addresses.
    await slack.start(slackPort);
    slack.recover();
    await smtp.start();
    await eventually(async () => ((await metric(d, 'driftwatch_outbox_backlog')) === 0 ? true : undefined), 30_000, 'the outbox drained');
    const slackFailures = await metric(d, 'driftwatch_alert_delivery_failures_total{channel="slack"}');
    const emailFailures = await metric(d, 'driftwatch_alert_delivery_failures_total{channel="email"}');
    expect(await metric(d, 'driftwatch_alert_deliveries_total{channel="slack"}')).toBe(monitors.length);
    expect(await metric(d, 'driftwatch_alert_deliveries_total{channel="email"}')).toBe(monitors.length);
    for (const name of monitors) expect(slackPostsFor(slack, name), name).toBe(1);
    const subjects = await Promise.all(smtp.received.map(async (_, i) => (await smtp.parse(i)).subject ?? ''));
    for (const name of monitors) expect(subjects.filter((s) => s.includes(name)), name).toHaveLength(1);
    expect(smtp.received).toHaveLength(monitors.length);

    d.kill('SIGTERM');
    expect(await d.exited).toEqual({ code: 0, signal: null });
    await withStore(async (store) => {
      const rows = await outbox(store);
      expect(rows.map((o) => `${o.monitor}/${o.channel}/${o.kind}/${o.status}`)).toEqual(monitors.flatMap((m) => [`${m}/email/drift/delivered`, `${m}/slack/drift/delivered`]));
      // Every failed attempt of the rows is one the metric counted: attempts = failures + the one that worked.
      const attempts = (channel: string) => rows.filter((o) => o.channel === channel).reduce((sum, o) => sum + o.attempts - 1, 0);
      expect(attempts('slack')).toBe(slackFailures);
      expect(attempts('email')).toBe(emailFailures);
      expect(await duplicates(store)).toEqual([]);
    });
    report.record('both back', 'outbox drained: each alert delivered exactly once per channel; attempts match the failure metric', true);
  });

  it('gives an alert up after ALERT_MAX_ATTEMPTS failures, logs it as an error and keeps the row as dead', async () => {
    const name = 'chan-dead';
    sim.json(`/${name}`, charge);
    await ws.write(`${name}.yaml`, alertingMonitor(name, sim.url(`/${name}`), ['slack']));
    slack.posts.length = 0;
    slack.failNext(1_000_000, 503);
    const d = startDaemon({ ALERT_MAX_ATTEMPTS: '4' });
    await d.waitForLog((l) => l.outcome === 'baseline');
    sim.json(`/${name}`, driftedCharge);
    const given = await d.waitForLog((l) => l.level === 'error' && l.msg.startsWith('alert given up'), 30_000);
    expect(given).toMatchObject({ channel: 'slack', kind: 'drift', attempts: 4, dead: true, msg: "alert given up after 4 failed attempts: it stays in alert_outbox with status 'dead'" });
    expect(String(given.err)).toMatch(/^Slack answered HTTP 503/);
    // Slack comes back: a dead alert is not retried.
    slack.recover();
    const seen = d.logs.length;
    await d.waitForLog(() => d.logs.slice(seen).filter((l) => l.outcome === 'drift').length >= 3, 20_000);
    expect(slack.delivered).toEqual([]);
    expect(slack.posts.filter((p) => p.status === 503)).toHaveLength(4);
    expect(await metric(d, 'driftwatch_alert_delivery_failures_total{channel="slack"}')).toBe(4);
    expect(await metric(d, 'driftwatch_outbox_backlog')).toBe(0);
    d.kill('SIGTERM');
    expect(await d.exited).toEqual({ code: 0, signal: null });
    await withStore(async (store) => {
      expect((await outbox(store)).map((o) => ({ status: o.status, attempts: o.attempts, error: o.last_error?.slice(0, 25) }))).toEqual([
        { status: 'dead', attempts: 4, error: 'Slack answered HTTP 503: ' },
      ]);
    });
    report.record('Slack failing past ALERT_MAX_ATTEMPTS (4 here; 72, about two days, by default)', 'the alert is given up: error log line, row kept as dead, not resent', true);
  });
});
