import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCheck, type CheckResult } from '../../src/check/runCheck.js';
import { buildMonitor } from '../../src/config/load.js';
import type { Monitor } from '../../src/config/types.js';
import { renderCheckReport } from '../../src/report/check-report.js';
import type { Store } from '../../src/store/db.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { dumpTables } from '../helpers/dump-tables.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type Driver, type TestDatabase } from '../helpers/database.js';

const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] learning on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

describe.each<Driver>(['pglite', 'postgres'])('a baseline that learns from its first runs (learn.samples) on %s', (driver) => {
  const sim = new VendorSimulator();
  let db: TestDatabase;
  let store: Store;

  const monitor = (samples: number, path = '/v1/charges'): Monitor =>
    buildMonitor({ name: 'charges', kind: 'endpoint', request: { url: sim.url(path) }, learn: { samples } }, 'charges.yaml', {});
  const check = async (m: Monitor, body: unknown): Promise<CheckResult> => {
    sim.json(new URL(m.request.url).pathname, body);
    return runCheck(m, { store });
  };
  const short = (r: CheckResult) => [r.status, r.baselineVersion, r.learning ? `${r.learning.samples}/${r.learning.target}` : undefined, r.changes.map((c) => c.id).sort()];

  beforeAll(async () => {
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(async (ctx) => {
    if (driver === 'postgres' && !postgresUp) ctx.skip();
    db = await freshDatabase(driver);
    store = await db.open();
  });
  afterEach(async () => {
    await store?.close();
    await db?.remove();
  });

  it('learns over N runs, one probe each, reports nothing while learning, then compares', async () => {
    const m = monitor(3);
    const runs = [
      await check(m, { id: 'ch_1', amount: 100, memo: null }),
      await check(m, { id: 'ch_2', amount: 2.5, memo: 'thanks a lot', coupon: 'spring sale' }),
      await check(m, { id: 'ch_3', amount: 7, memo: 'see you soon' }),
    ];
    expect(runs.map(short)).toEqual([
      ['baseline', 1, '1/3', []],
      ['baseline', 2, '2/3', []],
      ['baseline', 2, '3/3', []],
    ]);
    expect(sim.requests('/v1/charges')).toHaveLength(3);
    expect(renderCheckReport(runs.slice(0, 1), 'text')).toBe(
      'charges  BASELINE  baseline learning: sample 1 of 3 (version 1); changes are reported once it is done\n',
    );
    expect(renderCheckReport(runs.slice(2), 'text')).toBe('charges  BASELINE  baseline learned from 3 samples (version 2); later checks compare against it\n');

    let tables = await dumpTables(store);
    expect(tables.learning_states).toHaveLength(0);
    expect(tables.baselines.map((b) => (JSON.parse(b) as { source: string }).source)).toEqual(['first-run', 'learned']);

    // What three samples taught: amount is a number, memo may be null, coupon is optional.
    expect(short(await check(m, { id: 'ch_4', amount: 3, memo: null }))).toEqual(['ok', 2, undefined, []]);
    const drift = await check(m, { id: 'ch_5', amount: 'free' });
    expect(short(drift)).toEqual(['drift', 2, undefined, ['response-property-removed', 'response-type-changed']]);

    // The drift run stores what accepting would make, not the observation and its response values.
    tables = await dumpTables(store);
    expect(tables.schemas.join('\n')).not.toContain('ch_5');
    expect(tables.drift_events.join('\n')).not.toContain('ch_5');
  });

  it('keeps its learning state between runs, holding no free text, and deletes it when done', async () => {
    const m = monitor(2);
    await check(m, { id: 'ch_1', status: 'open', memo: 'call me at home' });
    const [row] = (await dumpTables(store)).learning_states;
    expect(row).toBeDefined();
    const stored = JSON.parse(row!) as { samples: number; target: number; state: { version: number } };
    expect([stored.samples, stored.target, stored.state.version]).toEqual([1, 2, 1]);
    expect(row).toContain('"open"');
    expect(row).not.toContain('call me');
    expect(row).not.toContain('ch_1');
    await check(m, { id: 'ch_2', status: 'paid', memo: 'leave at the door' });
    expect((await dumpTables(store)).learning_states).toHaveLength(0);
  });

  it('learns a list endpoint from every element of its array, and one sample is the default', async () => {
    const m = monitor(1, '/v1/list');
    const first = await check(m, { object: 'list', data: [{ id: 'a', email: 'x@example.com' }, { id: 'b' }] });
    expect(short(first)).toEqual(['baseline', 1, '1/1', []]);
    expect(renderCheckReport([first], 'text')).toBe('charges  BASELINE  baseline recorded (version 1); later checks compare against it\n');
    expect(short(await check(m, { object: 'list', data: [{ id: 'c' }] }))).toEqual(['ok', 1, undefined, []]);
  });
});
