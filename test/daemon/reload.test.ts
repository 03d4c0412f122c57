import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type TestDatabase } from '../helpers/database.js';
import { workspace } from '../helpers/monitor-files.js';
import { DaemonProcess, eventually } from './daemon-process.js';
import { endpointMonitor } from './monitors.js';
import { parseMetrics } from './prometheus.js';

const EVERY_SECOND = '* * * * * *';
const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] daemon reload on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

describe.skipIf(!postgresUp)('driftwatch run reloads monitor files without a restart', () => {
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
    db = await freshDatabase('postgres');
  });
  afterEach(async () => {
    await daemon?.stop();
    await db?.remove();
    await ws?.remove();
  });

  /** Resolves once `path` has received `more` requests beyond what it had when called. */
  const moreRequests = (path: string, more: number) => {
    const target = sim.requests(path).length + more;
    return eventually(() => (sim.requests(path).length >= target ? true : undefined), 30_000, `${more} more requests at ${path}`);
  };

  it('picks up an added file, keeps the last good version of a file edited into an invalid one, applies a valid edit, and drops a removed file', async () => {
    for (const path of ['/alpha', '/alpha-v2', '/beta']) sim.json(path, { id: path });
    await ws.write('alpha.yaml', endpointMonitor('alpha', sim.url('/alpha'), { schedule: EVERY_SECOND }));
    // File events only (no periodic rescan), so the test shows the watcher at work.
    daemon = new DaemonProcess(['--reload-poll-ms', '0'], { cwd: ws.dir, env: db.env });
    await daemon.waitForLog((l) => l.monitor === 'alpha' && l.outcome === 'baseline');

    await ws.write('beta.yaml', endpointMonitor('beta', sim.url('/beta'), { schedule: EVERY_SECOND }));
    const added = await daemon.waitForLog((l) => l.msg === 'monitors reloaded' && (l.added as string[]).includes('beta'));
    expect(added).toMatchObject({ added: ['beta'], changed: [], removed: [] });
    await daemon.waitForLog((l) => l.monitor === 'beta' && l.outcome === 'baseline');

    await ws.write('alpha.yaml', endpointMonitor('alpha', sim.url('/alpha'), { schedule: 'every two seconds' }));
    const invalid = await daemon.waitForLog((l) => l.level === 'error' && l.file === join(ws.monitors, 'alpha.yaml'));
    expect(invalid.msg).toContain('field "schedule" is not a valid cron expression');
    expect(invalid.msg).toContain('(monitor "alpha" keeps running as last loaded)');
    await Promise.all([moreRequests('/alpha', 2), moreRequests('/beta', 2)]);

    await ws.write('alpha.yaml', endpointMonitor('alpha', sim.url('/alpha-v2'), { schedule: EVERY_SECOND }));
    const changed = await daemon.waitForLog((l) => l.msg === 'monitors reloaded' && (l.changed as string[]).includes('alpha'));
    expect(changed).toMatchObject({ added: [], changed: ['alpha'], removed: [] });
    await moreRequests('/alpha-v2', 2);

    await rm(join(ws.monitors, 'beta.yaml'));
    await daemon.waitForLog((l) => l.msg === 'monitors reloaded' && (l.removed as string[]).includes('beta'));
    const betaAtRemoval = sim.requests('/beta').length;
    await moreRequests('/alpha-v2', 3);
    // At most a run already in flight when the file went away.
    expect(sim.requests('/beta').length).toBeLessThanOrEqual(betaAtRemoval + 1);

    const samples = parseMetrics((await daemon.get('/metrics')).body);
    expect(samples.get('driftwatch_monitors')).toBe(1);
    expect(samples.get('driftwatch_monitor_file_errors')).toBe(0);
    expect(samples.get('driftwatch_monitor_reloads_total{result="errors"}')).toBeGreaterThanOrEqual(1);
    daemon.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
  }, 120_000);
});
