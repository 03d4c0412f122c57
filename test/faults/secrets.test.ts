import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackReceiver } from '../fakes/slack-receiver.js';
import { TestSmtpServer } from '../fakes/smtp-server.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, isPostgresReachable, type TestDatabase } from '../helpers/database.js';
import { dumpEveryTable } from '../helpers/dump-tables.js';
import { workspace } from '../helpers/monitor-files.js';
import { DaemonProcess, eventually } from '../daemon/daemon-process.js';
import { chaosReport } from './report.js';

/** Made-up credentials, each distinctive enough that any copy of it anywhere is found. */
const CREDENTIALS = {
  CLIENT_SECRET: 'cs_fault_sweep_NOT_REAL_a81f',
  REVOKED_KEY: 'key_fault_sweep_revoked_NOT_REAL_2c',
  GOOD_KEY: 'key_fault_sweep_good_NOT_REAL_9d',
  BASIC_PASSWORD: 'pw_fault_sweep_NOT_REAL_77e1',
  FILE_TOKEN: 'tok_fault_sweep_from_file_NOT_REAL_4b',
};
const report = chaosReport('secrets');
const driver = (await isPostgresReachable()) ? 'postgres' : 'pglite';

describe('secrets: after probes, refreshes, rotations, failures, drift and alerts, no credential is anywhere', () => {
  const sim = new VendorSimulator();
  const slack = new SlackReceiver();
  const smtp = new TestSmtpServer();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    await Promise.all([sim.start(), slack.start(), smtp.start()]);
    ws = await workspace();
    db = await freshDatabase(driver);
    const tokenFile = join(ws.dir, 'token.secret');
    await writeFile(tokenFile, `${CREDENTIALS.FILE_TOKEN}\n`);
    env = {
      ...db.env,
      CLIENT_SECRET: CREDENTIALS.CLIENT_SECRET,
      REVOKED_KEY: CREDENTIALS.REVOKED_KEY,
      GOOD_KEY: CREDENTIALS.GOOD_KEY,
      BASIC_PASSWORD: CREDENTIALS.BASIC_PASSWORD,
      FILE_TOKEN_FILE: tokenFile,
      SLACK_WEBHOOK_URL: slack.webhookUrl,
      SMTP_URL: smtp.url,
      ALERT_EMAIL_FROM: 'driftwatch@example.com',
      ALERT_EMAIL_TO: 'oncall@example.com',
    };

    // OAuth2 whose tokens the vendor takes back after two calls: every few probes refresh.
    sim.tokenEndpoint('/oauth/token', { clients: { 'sweep-client': CREDENTIALS.CLIENT_SECRET } });
    sim.json('/v1/charges', { id: 'ch_1', amount: 100, customer: { id: 'cus_1', email: 'a@example.com' } }).requireOAuth('/v1/charges', { maxUses: 2 });
    // Keys in the query string, the first one revoked: rotation, with the key in every URL.
    sim.json('/v1/keyed', { id: 'k_1', ok: true }).requireApiKey('/v1/keyed', { in: 'query', name: 'api_key' }, [CREDENTIALS.GOOD_KEY]);
    sim.json('/v1/basic', { id: 'b_1' }).requireBasic('/v1/basic', 'sweep-user', CREDENTIALS.BASIC_PASSWORD);
    sim.json('/v1/file-token', { id: 'f_1' }).requireTokens('/v1/file-token', [CREDENTIALS.FILE_TOKEN]);

    const common = (name: string, url: string, ...requestLines: string[]) => [`name: ${name}`, 'kind: endpoint', 'schedule: "*/2 * * * * *"', 'request:', `  url: ${url}`, ...requestLines, 'alert:', '  confirm: 1', '  failingAfter: 1'];
    await ws.write('charges.yaml', [...common('charges', sim.url('/v1/charges')), 'auth:', '  type: oauth2', `  tokenUrl: ${sim.url('/oauth/token')}`, '  clientId: sweep-client', '  clientSecret: ${CLIENT_SECRET}', ''].join('\n'));
    await ws.write('keyed.yaml', [...common('keyed', sim.url('/v1/keyed')), 'auth:', '  type: apiKey', '  in: query', '  keys: ["${REVOKED_KEY}", "${GOOD_KEY}"]', ''].join('\n'));
    await ws.write('basic.yaml', [...common('basic', sim.url('/v1/basic')), 'auth:', '  type: basic', '  username: sweep-user', '  password: ${BASIC_PASSWORD}', ''].join('\n'));
    await ws.write('file-token.yaml', [...common('file-token', sim.url('/v1/file-token'), '  headers:', '    Authorization: Bearer ${FILE_TOKEN}'), ''].join('\n'));
  });
  afterAll(async () => {
    report.print();
    await Promise.all([sim.stop(), slack.stop(), smtp.stop()]);
    await db?.remove();
    await ws?.remove();
  });

  it('finds none in the logs, any table, the Slack and email alerts, the history or the stubs', async () => {
    const daemon = new DaemonProcess([], { cwd: ws.dir, env });
    try {
      for (const name of ['charges', 'keyed', 'basic', 'file-token']) {
        await daemon.waitForLog((l) => l.monitor === name && l.outcome === 'baseline', 90_000);
      }
      // Drift on the OAuth endpoint, a failing vendor that echoes the key it was sent, then recovery.
      sim.json('/v1/charges', { id: 'ch_1', amount: '100', customer: { id: 'cus_1' } });
      sim.respond('/v1/keyed', { status: 500, json: { error: `api_key ${CREDENTIALS.GOOD_KEY} is over quota`, echo: CREDENTIALS.GOOD_KEY } });
      await daemon.waitForLog((l) => l.monitor === 'charges' && l.outcome === 'drift', 30_000);
      await daemon.waitForLog((l) => l.monitor === 'keyed' && l.outcome === 'failure', 30_000);
      sim.json('/v1/keyed', { id: 'k_1', ok: true });
      await daemon.waitForLog((l) => l.monitor === 'keyed' && l.outcome === 'ok', 30_000);
      // drift alert + probe failing + recovered, each to Slack and by email.
      await eventually(() => (slack.delivered.length >= 3 && smtp.received.length >= 3 ? true : undefined), 60_000, 'three alerts on each channel');
      daemon.kill('SIGTERM');
      expect(await daemon.exited).toEqual({ code: 0, signal: null });
    } finally {
      await daemon.stop();
    }
    expect(sim.tokenRequests().filter((r) => r.ok).length).toBeGreaterThan(1);
    expect(sim.requests('/v1/keyed').some((r) => r.path.includes(CREDENTIALS.REVOKED_KEY))).toBe(true);

    const history = await runCli(['history', 'keyed', '--format', 'json'], { cwd: ws.dir, env });
    const stub = await runCli(['stub', 'charges'], { cwd: ws.dir, env });
    expect(stub.code).toBe(0);
    const store = await db.open();
    let tables: Record<string, string[]>;
    try {
      tables = await dumpEveryTable(store);
    } finally {
      await store.close();
    }
    expect(Object.keys(tables).length).toBeGreaterThanOrEqual(9);

    const places: Record<string, string> = {
      'daemon log': daemon.output,
      ...Object.fromEntries(Object.entries(tables).map(([table, rows]) => [`table ${table}`, rows.join('\n')])),
      'Slack posts': JSON.stringify(slack.posts.map((p) => p.body)),
      'emails (raw MIME)': smtp.received.map((m) => m.raw.toString('utf8')).join('\n'),
      'driftwatch history': history.stdout + history.stderr,
      'driftwatch stub': stub.stdout + stub.stderr,
    };
    const secrets = { ...CREDENTIALS, BASIC_CREDENTIALS: `sweep-user:${CREDENTIALS.BASIC_PASSWORD}`, SMTP_PASSWORD: smtp.password, SLACK_HOOK_PATH: slack.hookPath, ...Object.fromEntries(sim.issuedTokens().map((t, i) => [`access token ${i + 1}`, t])) };
    // The places are not empty: the sweep searched real output.
    expect(places['daemon log']!.length).toBeGreaterThan(1000);
    expect(places['Slack posts']).toContain('charges');
    expect(places['emails (raw MIME)']).toContain('keyed');

    const leaks: string[] = [];
    for (const [where, text] of Object.entries(places)) {
      for (const [what, secret] of Object.entries(secrets)) {
        const found = text.includes(secret) || text.includes(encodeURIComponent(secret)) || text.includes(Buffer.from(secret).toString('base64'));
        if (found) leaks.push(`${what} in ${where}`);
      }
      report.record(`search ${where}`, `none of ${Object.keys(secrets).length} credentials`, !leaks.some((l) => l.endsWith(` in ${where}`)));
    }
    expect(leaks).toEqual([]);
  }, 240_000);
});
