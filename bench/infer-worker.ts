/**
 * One tool on one workload, in its own process (so peak memory is its own): after one untimed run,
 * times parse + inference over the training texts, then checks the held-out documents against the
 * schema with ajv. Runs follow each other as they would in a process that keeps inferring, so each
 * tool pays for the garbage it makes (BENCH_GC=1 forces a full collection before each run instead).
 * Usage: infer-worker.ts <tool> <workload dir> <repetitions>. Prints one JSON line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Ajv, type AnySchema } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { TOOLS } from './infer-tools.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface WorkerResult {
  tool: string;
  bytes: number;
  /** CPU milliseconds (user + system, every thread: parsing, inference and the garbage collector) of each repetition. */
  times: number[];
  /** Wall-clock milliseconds of each repetition. */
  wall: number[];
  peakRssMb: number;
  heldOut: number;
  accepted: number;
  /** `properties` entries in the schema: how much of the shape it describes. */
  properties: number;
  error?: string;
}

function countProperties(node: unknown): number {
  if (node === null || typeof node !== 'object') return 0;
  let n = 0;
  if (Array.isArray(node)) {
    for (const item of node) n += countProperties(item);
    return n;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value)) n += Object.keys(value).length;
    n += countProperties(value);
  }
  return n;
}

function validator(schema: object, draft: '2020-12' | '07'): (value: unknown) => boolean {
  const { $schema: _ignored, ...body } = schema as Record<string, unknown>;
  const ajv = draft === '2020-12' ? new Ajv2020({ strict: false, allErrors: false, ownProperties: true }) : new Ajv({ strict: false, allErrors: false, logger: false, ownProperties: true });
  addFormats(ajv as Ajv);
  const validate = ajv.compile(body as AnySchema);
  return (value) => validate(value) === true;
}

async function main(): Promise<void> {
  const [toolName, dir, repsText] = process.argv.slice(2);
  const tool = TOOLS[toolName ?? ''];
  if (!tool || !dir) throw new Error('usage: infer-worker.ts <tool> <workload dir> <repetitions>');
  const files = readdirSync(dir).sort();
  const training = files.filter((f) => f.startsWith('training-')).map((f) => readFileSync(join(dir, f), 'utf8'));
  const heldOut = files.filter((f) => f.startsWith('heldout-')).map((f) => readFileSync(join(dir, f), 'utf8'));
  const bytes = training.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const gc = (globalThis as { gc?: () => void }).gc;
  const reps = Number(repsText ?? '3');
  const times: number[] = [];
  const wall: number[] = [];
  // One untimed run first, so every tool is measured with its code compiled and optimised.
  let schema: object | undefined = await tool.infer(training);
  for (let i = 0; i < reps; i++) {
    if (process.env.BENCH_GC !== undefined) gc?.();
    const cpu = process.cpuUsage();
    const started = performance.now();
    schema = await tool.infer(training);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    times.push((used.user + used.system) / 1000);
    // A slow tool gets fewer repetitions (at least one): its figure is far from ours either way.
    if (times.reduce((a, b) => a + b, 0) > 20_000) break;
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  let accepted = 0;
  if (schema !== undefined) {
    const validate = validator(schema, tool.draft);
    for (const text of heldOut) if (validate(JSON.parse(text))) accepted++;
  }
  const result: WorkerResult = {
    tool: tool.name,
    bytes,
    times,
    wall,
    peakRssMb,
    heldOut: schema === undefined ? 0 : heldOut.length,
    accepted,
    properties: countProperties(schema),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
