import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../helpers/dump-tables.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type Driver, type TestDatabase } from '../helpers/database.js';
import { runCli } from '../helpers/cli.js';
import { workspace } from '../helpers/monitor-files.js';
import { SlackReceiver } from '../fakes/slack-receiver.js';
import { TestSmtpServer } from '../fakes/smtp-server.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';

const TOKEN = 'vendor-token-not-real-c0de';
const charge = { id: 'ch_1', amount: 1200, customer: { id: 'cus_1', email: 'jo@example.com' } };
const withoutEmail = { id: 'ch_1', amount: 1200, customer: { id: 'cus_1' } };

const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] driftwatch check alerts on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);
/** The scenarios beyond the first need one driver: PostgreSQL when it is up (faster to open), else PGlite. */
const oneDriver: Driver = postgresUp ? 'postgres' : 'pglite';
/** Each test runs the CLI several times; opening embedded PGlite takes seconds per run on a busy machine. */
const CLI_TEST_TIMEOUT_MS = 240_000;

function setup(driver: Driver) {
  const sim = new VendorSimulator();
  const slack = new SlackReceiver();
  const smtp = new TestSmtpServer();
  const ctx = {} as { ws: Awaited<ReturnType<typeof workspace>>; db: TestDatabase };
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
  beforeEach(async (test) => {
    if (driver === 'postgres' && !postgresUp) test.skip();
    ctx.ws = await workspace();
    ctx.db = await freshDatabase(driver);
    slack.posts.length = 0;
    smtp.received.length = 0;
    sim.json('/v1/charges', charge);
  });
  afterEach(async () => {
    await ctx.ws?.remove();
    await ctx.db?.remove();
  });
  const writeMonitor = (alert?: string) =>
    ctx.ws.write(
      'charges.yaml',
      ['name: charges', 'kind: endpoint', 'request:', `  url: ${sim.url('/v1/charges')}`, '  headers:', '    Authorization: Bearer ${VENDOR_TOKEN}', ...(alert ? [alert] : [])].join('\n'),
    );
  const cli = (env: Record<string, string>, ...args: string[]) => runCli(['check', ...args], { cwd: ctx.ws.dir, env: { ...ctx.db.env, VENDOR_TOKEN: TOKEN, ...env } });
  return { sim, slack, smtp, ctx, writeMonitor, cli };
}

describe.each<Driver>(['pglite', 'postgres'])('driftwatch check alerts on %s', (driver) => {
  const { sim, slack, smtp, ctx, writeMonitor, cli } = setup(driver);

  it('sends breaking drift to Slack and email from the environment alone, once it is confirmed, once', async () => {
    await writeMonitor();
    const env = { SLACK_WEBHOOK_URL: slack.webhookUrl, SMTP_URL: smtp.url, ALERT_EMAIL_FROM: 'driftwatch@acme.test', ALERT_EMAIL_TO: 'oncall@acme.test' };
    expect((await cli(env)).code).toBe(0);
    sim.json('/v1/charges', withoutEmail);

    const first = await cli(env);
    expect(first.code).toBe(1);
    expect(slack.posts).toHaveLength(0);
    expect(smtp.received).toHaveLength(0);

    const confirmed = await cli(env);
    expect(confirmed.code).toBe(1);
    expect(confirmed.stderr).toBe('');
    expect(confirmed.stdout).toContain('charges  DRIFT  differs from baseline v1: 1 breaking, 0 warning, 0 info');
    expect(confirmed.stdout).not.toContain('driftwatch alert');
    expect(slack.delivered.map((b) => (b as { text: string }).text)).toEqual(['Breaking drift in charges: 1 breaking, 0 warning, 0 info']);
    expect(smtp.received).toHaveLength(1);
    expect((await smtp.parse(0)).subject).toBe('[driftwatch] Breaking drift in charges (1 breaking, 0 warning, 0 info)');

    expect((await cli(env)).code).toBe(1);
    expect(slack.posts).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);

    const store = await ctx.db.open();
    try {
      const tables = await dumpTables(store);
      for (const line of Object.values(tables).flat()) {
        expect(line).not.toContain(TOKEN);
        expect(line).not.toContain(smtp.password);
        expect(line).not.toContain(slack.hookPath);
      }
    } finally {
      await store.close();
    }
  }, CLI_TEST_TIMEOUT_MS);
});

describe(`driftwatch check alerts (${oneDriver})`, () => {
  const { sim, slack, ctx, writeMonitor, cli } = setup(oneDriver);

  it('prints alerts after the report without Slack or SMTP, and to stderr when stdout is JSON', async () => {
    await writeMonitor('alert: { confirm: 1 }');
    await cli({});
    sim.json('/v1/charges', withoutEmail);
    const text = await cli({});
    expect(text.code).toBe(1);
    const [report, alert] = text.stdout.split('\n======== driftwatch alert ========\n');
    expect(report).toContain('charges  DRIFT');
    expect(alert).toContain('Breaking drift in charges\n');
    expect(alert).toContain('response-property-removed');
    expect(alert).toContain('driftwatch accept charges');

    sim.json('/v1/charges', { ...withoutEmail, amount: 'twelve' });
    const json = await cli({}, '--format', 'json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ summary: { breaking: 2 } });
    expect(json.stderr).toContain('======== driftwatch alert ========');
    expect(json.stderr).toContain('response-type-changed');
  }, CLI_TEST_TIMEOUT_MS);

  it('queues without delivering on --no-deliver-alerts; the next check delivers', async () => {
    const env = { SLACK_WEBHOOK_URL: slack.webhookUrl };
    await writeMonitor('alert: { confirm: 1 }');
    await cli(env);
    sim.json('/v1/charges', withoutEmail);
    const queued = await cli(env, '--no-deliver-alerts');
    expect(queued.code).toBe(1);
    expect(slack.posts).toHaveLength(0);
    const next = await cli(env);
    expect(next.stderr).toBe('');
    expect(slack.delivered).toHaveLength(1);
  }, CLI_TEST_TIMEOUT_MS);

  it('gives up waiting for a Slack outage after --alert-timeout, says so, and delivers on a later check', async () => {
    const env = { SLACK_WEBHOOK_URL: slack.webhookUrl };
    await writeMonitor('alert: { confirm: 1 }');
    await cli(env);
    sim.json('/v1/charges', withoutEmail);
    slack.failNext(1000, 503);
    const down = await cli(env, '--alert-timeout', '1');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^driftwatch: 1 alert for slack could not be delivered yet \(Slack answered HTTP 503: internal_error\); the next check or the daemon retries\n$/);
    expect(slack.posts.length).toBeGreaterThan(0);
    expect(`${down.stdout}${down.stderr}`).not.toContain(slack.hookPath);

    slack.recover();
    // The retry is due within seconds (5 s base backoff, jittered); a later check waits for it.
    const later = await cli(env, '--alert-timeout', '30');
    expect(later.stderr).toBe('');
    expect(slack.delivered).toHaveLength(1);
  }, CLI_TEST_TIMEOUT_MS);

  it('warns when a monitor routes to a channel the environment does not configure, and keeps the alert', async () => {
    await writeMonitor('alert: { channels: [email], confirm: 1 }');
    await cli({ SMTP_URL: 'smtp://127.0.0.1:1' });
    sim.json('/v1/charges', withoutEmail);
    const result = await cli({ SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'driftwatch: email alerts need ALERT_EMAIL_FROM and ALERT_EMAIL_TO as well: email alerts are off',
      'driftwatch: 1 alert for email is waiting: set SMTP_URL, ALERT_EMAIL_FROM and ALERT_EMAIL_TO to deliver it',
    ]);
  }, CLI_TEST_TIMEOUT_MS);
});
