/**
 * `npm run bench:diff`: diffs Stripe's spec versions pairwise with driftwatch, the openapi-diff npm
 * package, and json-schema-diff on the component schemas, each pair and tool in a fresh process, and
 * prints time, peak memory and the breaking changes each reports, side by side.
 *
 * Environment: DRIFTWATCH_CORPUS (the corpus folder), BENCH_PEER_BUDGET_MS (time a peer gets per
 * pair before it is stopped, default 20000), BENCH_PAIRS=day|years|all (default all).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_SKIP_MESSAGE, corpusDir, stripePairs, stripeVersions } from '../test/spec/corpus.js';
import { baseSpec } from '../test/spec/fixtures.js';
import type { WorkerResult } from './diff-worker.js';

const WORKER = fileURLToPath(new URL('./diff-worker.ts', import.meta.url));
const PEER_BUDGET_MS = Number(process.env.BENCH_PEER_BUDGET_MS ?? 20_000);
const OWN_BUDGET_MS = 120_000;
const TOOLS = ['driftwatch', 'openapi-diff', 'json-schema-diff'] as const;
const SMALL = 'small spec (test/spec/fixtures.ts), no $ref cycles';
type Tool = (typeof TOOLS)[number];

interface Outcome extends WorkerResult {
  stopped?: boolean;
}

function runWorker(tool: Tool, before: string, after: string): Promise<Outcome> {
  const budget = tool === 'driftwatch' ? OWN_BUDGET_MS : PEER_BUDGET_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, tool, before, after], { stdio: ['ignore', 'pipe', 'pipe'] });
    let last: Outcome | undefined;
    let buffered = '';
    let stopped = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.trim()) last = JSON.parse(line) as Outcome;
    });
    child.stderr.resume();
    const timer = setTimeout(() => {
      stopped = true;
      child.kill('SIGKILL');
    }, budget);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      if (stopped) resolve({ ...(last ?? { ms: budget, cpuMs: 0, rssMb: 0 }), done: false, stopped: true, ms: budget });
      else resolve(last ?? { done: true, ms: 0, cpuMs: 0, rssMb: 0, error: 'worker printed nothing' });
    });
  });
}

function cell(tool: Tool, outcome: Outcome): string {
  if (outcome.error) return `error: ${outcome.error.slice(0, 48)}`;
  if (tool === 'json-schema-diff') {
    const ok = (outcome.units ?? 0) - (outcome.unitsFailed ?? 0);
    const status = outcome.stopped ? `stopped at ${Math.round(outcome.ms / 1000)} s` : `${outcome.ms} ms`;
    return `${status}, ${outcome.rssMb} MB, ${outcome.breaking ?? 0} breaking; ${ok} of ${outcome.total ?? '?'} components diffed, ${outcome.unitsFailed ?? 0} refused${outcome.failures?.length ? ` (${outcome.failures.join('; ')})` : ''}`;
  }
  if (outcome.stopped) return `no result in ${Math.round(outcome.ms / 1000)} s`;
  return `${outcome.ms} ms (cpu ${outcome.cpuMs} ms), ${outcome.rssMb} MB, ${outcome.breaking} breaking of ${outcome.total}`;
}

async function main(): Promise<void> {
  const corpus = corpusDir();
  if (!corpus) {
    console.log(`bench:diff skipped: ${CORPUS_SKIP_MESSAGE}`);
    return;
  }
  const which = process.env.BENCH_PAIRS ?? 'all';
  const versions = stripeVersions(corpus);
  const pairs: { label: string; before: string; after: string }[] = [];
  // A small spec without reference cycles, which every tool can read: a removed operation, a new required request property, a response field removed.
  const scratch = mkdtempSync(join(tmpdir(), 'driftwatch-bench-'));
  const small = baseSpec();
  const changed = baseSpec();
  delete changed.paths['/charges/{id}'];
  changed.paths['/charges'].post.requestBody.content['application/json'].schema.properties.currency = { type: 'string' };
  changed.paths['/charges'].post.requestBody.content['application/json'].schema.required.push('currency');
  delete changed.components.schemas.Charge.properties.amount;
  writeFileSync(join(scratch, 'small-v1.json'), JSON.stringify(small));
  writeFileSync(join(scratch, 'small-v2.json'), JSON.stringify(changed));
  pairs.push({ label: SMALL, before: join(scratch, 'small-v1.json'), after: join(scratch, 'small-v2.json') });
  if (which !== 'years') for (const p of stripePairs(corpus)) pairs.push({ label: `day: ${p.name.replace('__', ' → ')}`, before: p.before, after: p.after });
  if (which !== 'day') {
    for (let i = 1; i < versions.length; i++) {
      pairs.push({ label: `${basename(versions[i - 1]!, '.json.gz')} → ${basename(versions[i]!, '.json.gz')}`, before: versions[i - 1]!, after: versions[i]! });
    }
  }
  const [load1] = (await import('node:os')).loadavg();
  console.log(`bench:diff on ${pairs.length} pairs of Stripe's OpenAPI spec; peers stopped after ${PEER_BUDGET_MS / 1000} s a pair; times are parse + diff in a fresh process (load average ${load1!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores)\n`);
  const header = `| pair | ${TOOLS.join(' | ')} |`;
  console.log(header);
  console.log(`| --- | ${TOOLS.map(() => '---').join(' | ')} |`);
  const own: number[] = [];
  for (const pair of pairs) {
    const cells: string[] = [];
    for (const tool of TOOLS) {
      const outcome = await runWorker(tool, pair.before, pair.after);
      if (tool === 'driftwatch' && !outcome.error && !outcome.stopped && pair.label !== SMALL) own.push(outcome.ms);
      cells.push(cell(tool, outcome));
    }
    console.log(`| ${pair.label} | ${cells.join(' | ')} |`);
  }
  rmSync(scratch, { recursive: true, force: true });
  if (own.length > 0) {
    own.sort((a, b) => a - b);
    console.log(`\ndriftwatch: median ${own[Math.floor(own.length / 2)]} ms, slowest ${own.at(-1)} ms wall clock per pair of Stripe versions (parse both documents + diff)`);
  }
}

await main();
