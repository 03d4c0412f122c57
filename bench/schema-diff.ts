/**
 * `npm run bench:schema-diff [before.json.gz after.json.gz]`: the schema walker on two Stripe spec
 * versions, beside json-schema-diff on the same input.
 *
 * 1. Every changed component schema, as draft-07 with references replaced by stand-ins (what
 *    json-schema-diff can read; see test/diff/draft07.ts), diffed by both tools: time, and in how
 *    many pairs each finds that the new schema accepts values the old did not (a response that can
 *    break its consumer). json-schema-diff needs minutes on the largest components, so components
 *    over MAX_CHARS of JSON are left to driftwatch alone (counted apart).
 * 2. driftwatch alone on the whole spec: every operation's JSON response and form request schema
 *    through the shared root documents (no peer diffs `$ref`-linked specs schema by schema).
 */
import jsonSchemaDiff from 'json-schema-diff';
import { diffSchemas } from '../src/diff/diff.js';
import { corpusMissing, readCorpusJson } from '../test/diff/corpus.js';
import { toDraft07 } from '../test/diff/draft07.js';
import { valueSetChange } from '../test/diff/effects.js';

interface Spec {
  components: { schemas: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
}
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}

const MAX_CHARS = 12_000;

if (corpusMissing) {
  console.log(`skipped: ${corpusMissing}`);
  process.exit(0);
}
const [beforeFile = '2021-09-07_ad7d3825.json.gz', afterFile = '2022-04-12_e0123a38.json.gz'] = process.argv.slice(2);
const before = readCorpusJson('stripe-openapi', beforeFile) as Spec;
const after = readCorpusJson('stripe-openapi', afterFile) as Spec;

const changed = Object.keys(after.components.schemas)
  .filter((name) => name in before.components.schemas)
  .filter((name) => JSON.stringify(before.components.schemas[name]) !== JSON.stringify(after.components.schemas[name]))
  .sort();
const pairs = changed.map((name) => ({
  name,
  before: toDraft07(before.components.schemas[name], before, 0),
  after: toDraft07(after.components.schemas[name], after, 0),
}));
const small = pairs.filter((p) => JSON.stringify(p).length <= MAX_CHARS);

/** Heap in use after a full collection (the script runs with --expose-gc), in MB. */
function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

/** Time of `work`, and the heap it leaves allocated (its caches, its result). */
async function measure<T>(work: () => T | Promise<T>): Promise<{ result: T; ms: number; mb: number }> {
  const heap = heapMb();
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  return { result, ms, mb: heapMb() - heap };
}

const ours = await measure(() => small.map((p) => valueSetChange(diffSchemas(p.before as never, p.after as never)).widens).filter(Boolean).length);
const oursAll = await measure(() => pairs.map((p) => valueSetChange(diffSchemas(p.before as never, p.after as never)).widens).filter(Boolean).length);
const theirs = await measure(async () => {
  let widened = 0;
  for (const p of small) if ((await jsonSchemaDiff.diffSchemas({ sourceSchema: p.before as never, destinationSchema: p.after as never })).additionsFound) widened++;
  return widened;
});

const spec = await measure(() => {
  let calls = 0;
  let changes = 0;
  let breaking = 0;
  for (const [path, item] of Object.entries(after.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const old = before.paths[path]?.[method];
      if (!old) continue;
      const run = (b: unknown, a: unknown, direction: 'response' | 'request') => {
        if (!b || !a) return;
        calls++;
        const found = diffSchemas(b as never, a as never, { beforeRoot: before, afterRoot: after, direction, operation: `${method.toUpperCase()} ${path}` });
        changes += found.length;
        breaking += found.filter((c) => c.level === 'breaking').length;
      };
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        run(old.responses?.[status]?.content?.['application/json']?.schema, response.content?.['application/json']?.schema, 'response');
      }
      const form = 'application/x-www-form-urlencoded';
      run(old.requestBody?.content?.[form]?.schema, operation.requestBody?.content?.[form]?.schema, 'request');
    }
  }
  return { calls, changes, breaking };
});

const row = (tool: string, n: number, ms: number, mb: number, widened: number) =>
  `| ${tool} | ${n} | ${ms.toFixed(0)} | ${mb.toFixed(1)} | ${widened} |`;
console.log(`Stripe ${beforeFile} → ${afterFile}: ${changed.length} component schemas changed, ${small.length} small enough for json-schema-diff\n`);
console.log('| tool | component pairs | ms | heap kept (MB) | pairs where new accepts more |');
console.log('| --- | --- | --- | --- | --- |');
console.log(row('driftwatch', small.length, ours.ms, ours.mb, ours.result));
console.log(row('json-schema-diff 1.0.0', small.length, theirs.ms, theirs.mb, theirs.result));
console.log(row('driftwatch (all changed components)', pairs.length, oursAll.ms, oursAll.mb, oursAll.result));
console.log(`\njson-schema-diff / driftwatch time on the same pairs: ${(theirs.ms / ours.ms).toFixed(1)}×`);
console.log('(json-schema-diff reads no enum, const, format or pattern: a new enum value is not "accepts more" to it)');
console.log(
  `\ndriftwatch, whole spec through shared roots: ${spec.result.calls} schema pairs (responses and form requests), ${spec.result.changes} changes (${spec.result.breaking} breaking) in ${spec.ms.toFixed(0)} ms, heap kept ${spec.mb.toFixed(1)} MB`,
);
