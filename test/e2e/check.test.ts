import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../helpers/dump-tables.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type Driver, type TestDatabase } from '../helpers/database.js';
import { runCli } from '../helpers/cli.js';
import { workspace } from '../helpers/monitor-files.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';

const TOKEN = 'test-token-not-real-7f3a9c';

const chargeV1 = { id: 'ch_1', amount: 1200, currency: 'usd', customer: { id: 'cus_1', email: 'jo@example.com' }, refunded: false };
const chargeWithoutEmail = { id: 'ch_1', amount: 1200, currency: 'usd', customer: { id: 'cus_1' }, refunded: false };
const chargeWithNewField = { ...chargeV1, receipt_url: 'https://example.com/r/1' };

const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] end-to-end on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

describe.each<Driver>(['pglite', 'postgres'])('driftwatch check end to end on %s', (driver) => {
  const sim = new VendorSimulator();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;

  const cli = (...args: string[]) => runCli(args, { cwd: ws.dir, env: { ...db.env, VENDOR_TOKEN: TOKEN } });
  const rows = async () => {
    const store = await db.open();
    try {
      return await dumpTables(store);
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(async (ctx) => {
    if (driver === 'postgres' && !postgresUp) ctx.skip();
    ws = await workspace();
    db = await freshDatabase(driver);
    await ws.write(
      'charges.yaml',
      [
        'name: charges',
        'kind: endpoint',
        'schedule: "*/5 * * * *"',
        'request:',
        `  url: ${sim.url('/v1/charges')}`,
        '  headers:',
        '    Authorization: Bearer ${VENDOR_TOKEN}',
      ].join('\n'),
    );
  });
  afterEach(async () => {
    await ws?.remove();
    await db?.remove();
  });

  it('records a baseline, stays quiet when nothing changed, reports drift, and is clean after accept', async () => {
    sim.json('/v1/charges', chargeV1);

    const first = await cli('check');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('charges  BASELINE  baseline recorded (version 1)');
    expect(sim.requests('/v1/charges').at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);

    const unchanged = await cli('check');
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toBe('charges  OK  matches baseline v1\n');
    let tables = await rows();
    expect(tables.schemas).toHaveLength(1);
    expect(tables.runs).toHaveLength(2);

    sim.json('/v1/charges', chargeWithoutEmail);
    const removed = await cli('check', '--format', 'json');
    expect(removed.code).toBe(1);
    expect(JSON.parse(removed.stdout)).toEqual({
      summary: { breaking: 1, warning: 0, info: 0 },
      changes: [
        {
          monitor: 'charges',
          id: 'response-property-removed',
          level: 'breaking',
          path: '/properties/customer/properties/email',
          message: 'property `email` was removed from /properties/customer',
          before: { type: 'string' },
          after: null,
        },
      ],
      monitors: [{ name: 'charges', status: 'drift', baselineVersion: 1, summary: { breaking: 1, warning: 0, info: 0 } }],
    });

    sim.json('/v1/charges', chargeWithNewField);
    const added = await cli('check');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('charges  DRIFT  differs from baseline v1: 0 breaking, 0 warning, 1 info');
    expect(added.stdout).toContain('INFO     response-property-added  /properties/receipt_url');

    const accepted = await cli('accept', 'charges');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('charges: baseline v2 accepted');

    const clean = await cli('check');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('charges  OK  matches baseline v2\n');

    const history = await cli('history', 'charges', '--format', 'json');
    expect(history.code).toBe(0);
    const parsed = JSON.parse(history.stdout) as { baselines: { version: number; source: string }[]; driftEvents: { maxLevel: string; status: string }[] };
    expect(parsed.baselines.map((b) => [b.version, b.source])).toEqual([
      [2, 'accepted'],
      [1, 'first-run'],
    ]);
    expect(parsed.driftEvents.map((e) => [e.maxLevel, e.status])).toEqual([
      ['info', 'accepted'],
      ['breaking', 'accepted'],
    ]);

    tables = await rows();
    for (const [table, lines] of Object.entries(tables)) {
      for (const line of lines) expect(line, `table ${table}`).not.toContain(TOKEN);
    }
  });

  it('reports a failed probe as such, exits 2, and never turns it into a baseline', async () => {
    // Three 503s in a row: the default retry policy makes three attempts.
    sim.failNext('/v1/charges', 3, 503);
    sim.json('/v1/charges', chargeV1);
    const failed = await cli('check');
    expect(failed.code).toBe(2);
    expect(failed.stdout).toContain(`charges  FAILED  could not check (http-503): GET ${sim.url('/v1/charges')} answered HTTP 503`);
    let tables = await rows();
    expect(tables.baselines).toHaveLength(0);
    expect(tables.schemas).toHaveLength(0);
    expect(tables.runs.map((r) => JSON.parse(r) as { outcome: string; failure_kind: string })).toMatchObject([{ outcome: 'failure', failure_kind: 'http-503' }]);

    expect((await cli('check')).code).toBe(0);
    sim.htmlNext('/v1/charges');
    const html = await cli('check');
    expect(html.code).toBe(2);
    expect(html.stdout).toContain('could not check (not-json)');
    expect(html.stdout).toContain('answered text/html, not JSON');
    tables = await rows();
    expect(tables.baselines).toHaveLength(1);
    expect(tables.schemas).toHaveLength(1);
    expect(tables.drift_events).toHaveLength(0);
  });
});
