/**
 * `npm run bench:daemon`: 2,000 monitors on second-level schedules against vendor simulators on
 * loopback, run by `node dist/cli.js run` (what the Docker image runs) on PostgreSQL, measured over a
 * fixed window after every baseline is recorded. Beside it, the floor: bare node-cron firing the
 * same 2,000 schedules with the same spread offsets and a task that does nothing.
 *
 * Environment: BENCH_MONITORS (2000), BENCH_SCHEDULE ("*\/30 * * * * *": twice the load of 1-minute schedules), BENCH_SECONDS (60),
 * BENCH_HOSTS (10 simulated vendors), BENCH_CONCURRENCY (16), BENCH_HOST_CONCURRENCY (4),
 * DRIFTWATCH_TEST_POSTGRES (admin URL), DRIFTWATCH_CORPUS (Stripe fixtures for response bodies),
 * BENCH_NODE_ARGS (extra node flags for the daemon, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createTask, type ScheduledTask } from 'node-cron';
import pg from 'pg';
import { shortestGapMs, spreadOffsetMs } from '../src/daemon/spread.js';
import { VendorSimulator } from '../test/fakes/vendor-simulator.js';

const MONITORS = Number(process.env.BENCH_MONITORS ?? 2000);
const SCHEDULE = process.env.BENCH_SCHEDULE ?? '*/30 * * * * *';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const HOSTS = Number(process.env.BENCH_HOSTS ?? 10);
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '16';
const HOST_CONCURRENCY = process.env.BENCH_HOST_CONCURRENCY ?? '4';
const ADMIN_URL = process.env.DRIFTWATCH_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
// The corpus sits beside the repository (../shared/corpus from /work/main; two levels up from a worktree).
const CORPUS = process.env.DRIFTWATCH_CORPUS ?? [join(ROOT, '../shared/corpus'), join(ROOT, '../../shared/corpus')].find((p) => existsSync(p)) ?? join(ROOT, '../shared/corpus');
const SPREAD = { fraction: 0.5, maxMs: 300_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const name = (i: number) => `m-${String(i).padStart(4, '0')}`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Response bodies: Stripe's example objects (one resource per monitor, cycling), or a small charge. */
function bodies(): unknown[] {
  const file = join(CORPUS, 'stripe-fixtures', '2026-07-29_f0758b15.json.gz');
  if (!existsSync(file)) {
    console.warn(`[bench] ${file} not found (set DRIFTWATCH_CORPUS): using a small synthetic body`);
    return [{ id: 'ch_1', object: 'charge', amount: 1200, currency: 'usd', metadata: {}, customer: { id: 'cus_1', email: null } }];
  }
  const fixtures = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { resources: Record<string, unknown> };
  return Object.values(fixtures.resources);
}

/** The floor: bare node-cron with the same schedules and offsets and a task that does nothing. */
async function bareNodeCronLag(seconds: number): Promise<number[]> {
  const lags: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const tasks: ScheduledTask[] = [];
  for (let i = 0; i < MONITORS; i++) {
    const task = createTask(SCHEDULE, (context) => {
      const due = context.date.getTime() + offset;
      const timer = setTimeout(() => {
        timers.delete(timer);
        lags.push(Math.max(0, Date.now() - due));
      }, Math.max(0, due - Date.now()));
      timers.add(timer);
    });
    const offset = spreadOffsetMs(name(i), shortestGapMs(task.getNextRuns(8)), SPREAD);
    tasks.push(task);
    void task.start();
  }
  await sleep(seconds * 1000);
  for (const task of tasks) void task.destroy();
  for (const timer of timers) clearTimeout(timer);
  return lags.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
  console.log(`[bench] ${MONITORS} monitors, schedule "${SCHEDULE}", ${HOSTS} simulated vendors, window ${SECONDS} s`);

  const intervalMs = shortestGapMs(createTask(SCHEDULE, () => undefined).getNextRuns(3));
  const floorSeconds = Math.max(20, (2 * intervalMs) / 1000);
  console.log(`[bench] floor: bare node-cron with the same schedules, ${floorSeconds} s ...`);
  const floor = await bareNodeCronLag(floorSeconds);

  const sims = await Promise.all(Array.from({ length: HOSTS }, () => new VendorSimulator().start()));
  const work = await mkdtemp(join(tmpdir(), 'driftwatch-bench-'));
  const dir = join(work, 'monitors');
  await mkdir(dir);
  const payloads = bodies();
  for (let i = 0; i < MONITORS; i++) {
    const sim = sims[i % HOSTS]!;
    sim.json(`/v1/${name(i)}`, payloads[i % payloads.length]);
    await writeFile(join(dir, `${name(i)}.yaml`), `name: ${name(i)}\nkind: endpoint\nschedule: "${SCHEDULE}"\nrequest:\n  url: ${sim.url(`/v1/${name(i)}`)}\n`);
  }

  const database = `driftwatch_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });

  const lagAt: { at: number; lag: number }[] = [];
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), CLI, 'run', '--port', '0', '--monitors', dir, '--concurrency', CONCURRENCY, '--host-concurrency', HOST_CONCURRENCY, '--reload-poll-ms', '0'],
    { env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let port = 0;
  let scheduled = false;
  const skipped: string[] = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const log = JSON.parse(line) as { msg: string; port?: number; lagMs?: number; time: string; level: string };
      if (log.port !== undefined && log.msg.startsWith('listening')) port = log.port;
      else if (log.msg.startsWith('scheduling')) scheduled = true;
      else if (log.lagMs !== undefined) lagAt.push({ at: Date.parse(log.time), lag: log.lagMs });
      else if (log.level === 'warn' || log.level === 'error') skipped.push(log.msg);
    }
  });

  const started = Date.now();
  const memory: { at: number; rss: number; heap: number }[] = [];
  const sampler = setInterval(() => {
    if (!port) return;
    fetch(`http://127.0.0.1:${port}/metrics`)
      .then((r) => r.text())
      .then((text) => {
        const get = (n: string) => Number(new RegExp(`^${n} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
        memory.push({ at: Date.now() - started, rss: get('process_resident_memory_bytes'), heap: get('nodejs_heap_size_used_bytes') });
      })
      .catch(() => undefined);
  }, 2000);
  while (!scheduled) {
    if (Date.now() - started > 180_000) throw new Error('the daemon did not start within 180 s');
    await sleep(200);
  }
  console.log(`[bench] daemon up and scheduling after ${((Date.now() - started) / 1000).toFixed(1)} s; waiting for every baseline ...`);
  await client.connect();
  const count = async (table: string) => Number((await client.query(`select count(*)::int as n from ${table}`)).rows[0].n);
  while ((await count('baselines')) < MONITORS) {
    if (Date.now() - started > 600_000) throw new Error('baselines not all recorded within 600 s');
    await sleep(1000);
  }
  const metrics = async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const value = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
    return {
      probes: value(/^driftwatch_probes_total\{[^}]*\} (\S+)$/gm),
      ok: value(/^driftwatch_probes_total\{[^}]*outcome="ok"\} (\S+)$/gm),
      cpu: value(/^process_cpu_seconds_total (\S+)$/gm),
      skipped: text.match(/^driftwatch_runs_skipped_total.*$/gm) ?? [],
    };
  };
  // Warm-up: the first runs record baselines (inference, schema rows) and leave a queue behind;
  // measure the steady state once no run waits for a concurrency slot (or give up after 3 minutes).
  const inFlight = async () => Number(/^driftwatch_runs_in_flight (\S+)$/m.exec(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text())?.[1] ?? NaN);
  const settleFrom = Date.now();
  let settled = false;
  while (Date.now() - settleFrom < 180_000) {
    if ((await inFlight()) <= Number(CONCURRENCY)) {
      settled = true;
      break;
    }
    await sleep(1000);
  }
  console.log(`[bench] baselines recorded; ${settled ? `queue drained after ${((Date.now() - settleFrom) / 1000).toFixed(0)} s` : 'queue did not drain within 180 s (overloaded)'}`);
  const tables = ['runs', 'schemas', 'baselines', 'drift_events', 'alert_outbox', 'monitors', 'monitor_leases'];
  const writes = async () => {
    const rows = (await client.query(`select relname, n_tup_ins + n_tup_upd + n_tup_del as w, n_tup_ins as ins from pg_stat_user_tables`)).rows as { relname: string; w: string; ins: string }[];
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = await count(t);
    return { stat: new Map(rows.map((r) => [r.relname, { writes: Number(r.w), inserts: Number(r.ins) }])), counts };
  };

  // A whole number of schedule intervals, starting on a slot, so every monitor is due the same number of times.
  const periods = Math.max(1, Math.round((SECONDS * 1000) / intervalMs));
  await sleep(intervalMs - (Date.now() % intervalMs));
  const a = { at: Date.now(), metrics: await metrics(), writes: await writes() };
  console.log(`[bench] measuring for ${(periods * intervalMs) / 1000} s (${periods} intervals) ...`);
  await sleep(a.at + periods * intervalMs - Date.now());
  const b = { at: Date.now(), metrics: await metrics(), writes: await writes() };
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);

  clearInterval(sampler);
  if (process.env.BENCH_VERBOSE) for (const m of memory) console.log(`t=${(m.at / 1000).toFixed(0)}s rss=${(m.rss / 2 ** 20).toFixed(0)}MB heapUsed=${(m.heap / 2 ** 20).toFixed(0)}MB`);
  const stopAt = Date.now();
  child.kill('SIGTERM');
  const code = await exit;
  const stopMs = Date.now() - stopAt;

  const seconds = (b.at - a.at) / 1000;
  const probes = b.metrics.probes - a.metrics.probes;
  const unchanged = b.metrics.ok - a.metrics.ok;
  const lags = lagAt.filter((l) => l.at >= a.at && l.at <= b.at).map((l) => l.lag).sort((x, y) => x - y);
  const delta = (t: string) => b.writes.counts[t]! - a.writes.counts[t]!;
  const statDelta = (t: string) => (b.writes.stat.get(t)?.writes ?? 0) - (a.writes.stat.get(t)?.writes ?? 0);
  const expected = MONITORS * periods;

  const table = [
    ['figure', 'driftwatch run', 'bare node-cron (floor)', 'target'],
    ['---', '---', '---', '---'],
    ['probes per second', `${(probes / seconds).toFixed(1)} (due: ${(expected / seconds).toFixed(1)})`, '', ''],
    ['scheduler lag p50', `${percentile(lags, 50)} ms`, `${percentile(floor, 50)} ms`, ''],
    ['scheduler lag p99', `${percentile(lags, 99)} ms`, `${percentile(floor, 99)} ms`, '< 1000 ms'],
    ['scheduler lag max', `${lags.at(-1)} ms`, `${floor.at(-1)} ms`, ''],
    ['CPU per probe (daemon process)', `${((1000 * (b.metrics.cpu - a.metrics.cpu)) / probes).toFixed(2)} ms`, '', ''],
    ['peak resident memory (VmHWM)', `${(kb('VmHWM') / 1024).toFixed(0)} MB`, '', '< 300 MB'],
    ['run rows written per unchanged probe', (delta('runs') / unchanged).toFixed(3), '', '1'],
    ['schema rows written per unchanged probe', (delta('schemas') / unchanged).toFixed(3), '', '0'],
    ['baseline / drift event / outbox rows per unchanged probe', `${delta('baselines')} / ${delta('drift_events')} / ${delta('alert_outbox')} (total)`, '', '0'],
    ['lease row writes per probe (claim upsert; pg_stat)', (statDelta('monitor_leases') / probes).toFixed(2), '', ''],
    ['all row writes per probe (pg_stat)', ([...tables].reduce((s, t) => s + statDelta(t), 0) / probes).toFixed(2), '', ''],
    ['shutdown on SIGTERM', `exit ${code} after ${stopMs} ms`, '', 'exit 0'],
  ];
  console.log(`\n${MONITORS} monitors, "${SCHEDULE}", ${HOSTS} vendors on loopback, PostgreSQL, concurrency ${CONCURRENCY} (per host ${HOST_CONCURRENCY}), ${seconds.toFixed(0)} s window, ${probes} probes (${unchanged} unchanged)${settled ? '' : ', OVERLOADED: the queue never drained'}\n`);
  for (const row of table) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nskipped slots at the end: ${b.metrics.skipped.join(', ') || 'none'}`);
  const warnings = new Map<string, number>();
  for (const w of skipped) warnings.set(w, (warnings.get(w) ?? 0) + 1);
  for (const [msg, n] of warnings) console.log(`warn/error logged ${n}×: ${msg}`);

  await client.end();
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
  await Promise.all(sims.map((s) => s.stop()));
  await rm(work, { recursive: true, force: true });
}

await main();
