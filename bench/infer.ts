/**
 * `npm run bench:infer`: driftwatch's schema inference beside genson-js, to-json-schema and
 * quicktype-core, on the Stripe fixtures and on a generated list response of at least 50 MB, with
 * JSON.parse alone as the floor. Each tool runs in its own process; printed per tool: time (parse +
 * inference), MB/s, peak RSS, held-out documents its schema accepts (ajv, with ajv-formats), and how
 * many properties the schema describes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_SKIP_MESSAGE, corpusDir } from '../test/helpers/corpus.js';
import { fixturesWorkload, listWorkload, type Workload } from './infer-data.js';
import { TOOL_ORDER } from './infer-tools.js';
import type { WorkerResult } from './infer-worker.js';

const WORKER = fileURLToPath(new URL('./infer-worker.ts', import.meta.url));
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);
const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 6144);

type Outcome = { ok: true; result: WorkerResult } | { ok: false; reason: string };

function runWorker(tool: string, dir: string, reps: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', WORKER, tool, dir, String(reps)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ ok: false, reason: `did not finish within ${TIMEOUT_MS / 1000} s` });
      if (code === 0) return resolve({ ok: true, result: JSON.parse(stdout.trim().split('\n').at(-1)!) as WorkerResult });
      const heap = /heap out of memory|Allocation failed/i.test(stderr);
      const firstLine = stderr.split('\n').find((line) => line.trim() !== '') ?? '';
      resolve({ ok: false, reason: heap ? `ran out of memory (heap limit ${HEAP_MB} MB)` : `failed (${signal ?? `exit ${code}`}): ${firstLine.slice(0, 160)}` });
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

async function benchWorkload(workload: Workload, reps: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), `driftwatch-bench-${workload.name}-`));
  try {
    workload.training.forEach((text, i) => writeFileSync(join(dir, `training-${String(i).padStart(4, '0')}.json`), text));
    workload.heldOut.forEach((text, i) => writeFileSync(join(dir, `heldout-${String(i).padStart(4, '0')}.json`), text));
    const bytes = workload.training.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const mb = bytes / 1e6;
    const lines = [
      `### ${workload.name}: ${workload.description}`,
      '',
      `${mb.toFixed(2)} MB learned, ${workload.heldOut.length} held-out documents. Time: parse + inference, median of ${reps} runs, as CPU time`,
      `(user + system, all threads, garbage collection included), which a machine shared with other work does not inflate the way it does`,
      `wall-clock time (also shown). MB/s is over CPU time.`,
      '',
      '| tool | CPU time | wall time | MB/s | peak RSS | held-out accepted | properties described |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    const medians = new Map<string, number>();
    const notes: string[] = [];
    let ours: WorkerResult | undefined;
    for (const tool of TOOL_ORDER) {
      process.stderr.write(`  ${workload.name}: ${tool}…\n`);
      const outcome = await runWorker(tool, dir, reps);
      if (!outcome.ok) {
        lines.push(`| ${tool} | — | — | — | — | — | — |`);
        notes.push(`${tool} could not run on ${workload.name} (${mb.toFixed(0)} MB): ${outcome.reason}.`);
        continue;
      }
      const r = outcome.result;
      const ms = median(r.times);
      medians.set(tool, ms);
      if (tool === 'driftwatch') ours = r;
      const accepted = tool === 'JSON.parse' ? '(floor)' : `${r.accepted}/${r.heldOut} (${((100 * r.accepted) / Math.max(1, r.heldOut)).toFixed(0)}%)`;
      lines.push(
        `| ${tool} | ${fmtMs(ms)}${r.times.length < reps ? ` (${r.times.length} run${r.times.length > 1 ? 's' : ''})` : ''} | ${fmtMs(median(r.wall))} | ${(mb / (ms / 1000)).toFixed(1)} | ${r.peakRssMb.toFixed(0)} MB | ${accepted} | ${tool === 'JSON.parse' ? '' : r.properties} |`,
      );
    }
    lines.push('');
    const parse = medians.get('JSON.parse');
    const mine = medians.get('driftwatch');
    if (parse !== undefined && mine !== undefined) {
      const peers = TOOL_ORDER.filter((t) => t !== 'JSON.parse' && t !== 'driftwatch' && medians.has(t));
      const fastest = peers.sort((a, b) => medians.get(a)! - medians.get(b)!)[0];
      const vsParse = mine / parse;
      lines.push(`- driftwatch takes ${vsParse.toFixed(2)}× the time of JSON.parse alone (target ≤ 2×: ${vsParse <= 2 ? 'met' : 'missed'}).`);
      if (fastest) {
        const vsPeer = medians.get(fastest)! / mine;
        const inferOnly = (medians.get(fastest)! - parse) / Math.max(0.001, mine - parse);
        lines.push(
          `- the fastest peer, ${fastest}, takes ${vsPeer.toFixed(2)}× driftwatch's time (target ≥ 3×: ${vsPeer >= 3 ? 'met' : 'missed'}); counting inference only (time minus JSON.parse), ${inferOnly.toFixed(1)}×.`,
        );
      }
      if (ours) lines.push(`- driftwatch's schema accepts ${ours.accepted} of ${ours.heldOut} held-out documents (target: all: ${ours.accepted === ours.heldOut ? 'met' : 'missed'}).`);
    }
    for (const note of notes) lines.push(`- ${note}`);
    lines.push('');
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!corpusDir()) {
    process.stdout.write(`bench:infer skipped: ${CORPUS_SKIP_MESSAGE}\n`);
    return;
  }
  const only = process.argv.slice(2);
  const out: string[] = [`## bench:infer — node ${process.version}, ${availableParallelism()} CPUs`, ''];
  if (only.length === 0 || only.includes('fixtures')) out.push(...(await benchWorkload(fixturesWorkload(), 15)));
  if (only.length === 0 || only.includes('list-50mb')) {
    process.stderr.write('  building the list response…\n');
    out.push(...(await benchWorkload(listWorkload(), 5)));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
