/**
 * One tool on one pair of spec versions, in a process of its own so that time and peak memory are its
 * own. Prints JSON lines: progress while it works (peers may be stopped at their time budget), then
 * the result. Run by bench/diff.ts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import openapiDiff from 'openapi-diff';
import jsonSchemaDiff from 'json-schema-diff';
import { diffSpecs } from '../src/diff/openapi/diff-specs.js';
import { loadSpecText } from '../src/spec/load.js';

export interface WorkerResult {
  done: boolean;
  ms: number;
  /** CPU time (user + system, all threads of the process) spent on the work. */
  cpuMs: number;
  rssMb: number;
  breaking?: number;
  total?: number;
  /** For tools that work per component: how many they got through, and how many they refused. */
  units?: number;
  unitsFailed?: number;
  /** Why units failed, the first words of each distinct error. */
  failures?: string[];
  error?: string;
}

const [tool, beforeFile, afterFile] = process.argv.slice(2) as [string, string, string];
const text = (file: string) => (file.endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file)).toString('utf8');
const beforeText = text(beforeFile);
const afterText = text(afterFile);
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const emit = (result: WorkerResult) => process.stdout.write(`${JSON.stringify(result)}\n`);

const started = performance.now();
const cpuStart = process.cpuUsage();
const elapsed = () => Math.round(performance.now() - started);
const cpu = () => {
  const used = process.cpuUsage(cpuStart);
  return Math.round((used.user + used.system) / 1000);
};

try {
  if (tool === 'driftwatch') {
    // From text to report, as `driftwatch diff` does it: parse, build both models, diff.
    const changes = diffSpecs(loadSpecText(beforeText, basename(beforeFile)), loadSpecText(afterText, basename(afterFile)));
    emit({ done: true, ms: elapsed(), cpuMs: cpu(), rssMb: rssMb(), breaking: changes.filter((c) => c.level === 'breaking').length, total: changes.length });
  } else if (tool === 'openapi-diff') {
    const result = await openapiDiff.diffSpecs({
      sourceSpec: { content: beforeText, location: beforeFile, format: 'openapi3' },
      destinationSpec: { content: afterText, location: afterFile, format: 'openapi3' },
    });
    const breaking = result.breakingDifferencesFound ? result.breakingDifferences.length : 0;
    emit({ done: true, ms: elapsed(), cpuMs: cpu(), rssMb: rssMb(), breaking, total: breaking + result.nonBreakingDifferences.length + result.unclassifiedDifferences.length });
  } else if (tool === 'json-schema-diff') {
    // Each component schema present in both versions, with only the components it reaches as its
    // definitions (json-schema-diff dereferences everything it is given). A component whose new schema
    // accepts values the old one did not is breaking for a response.
    const before = JSON.parse(beforeText) as { components: { schemas: Record<string, unknown> } };
    const after = JSON.parse(afterText) as { components: { schemas: Record<string, unknown> } };
    const names = Object.keys(before.components.schemas).filter((name) => name in after.components.schemas);
    let units = 0;
    let unitsFailed = 0;
    const failures = new Set<string>();
    let breaking = 0;
    for (const name of names) {
      try {
        const result = await jsonSchemaDiff.diffSchemas({
          sourceSchema: { ...(before.components.schemas[name] as object), components: { schemas: reachable(before.components.schemas, name) } },
          destinationSchema: { ...(after.components.schemas[name] as object), components: { schemas: reachable(after.components.schemas, name) } },
        });
        if (result.additionsFound) breaking++;
      } catch (error) {
        unitsFailed++;
        failures.add(String((error as Error).message).split(' at ')[0]!.slice(0, 40));
      }
      units++;
      emit({ done: false, ms: elapsed(), cpuMs: cpu(), rssMb: rssMb(), breaking, units, unitsFailed, failures: [...failures], total: names.length });
    }
    emit({ done: true, ms: elapsed(), cpuMs: cpu(), rssMb: rssMb(), breaking, units, unitsFailed, failures: [...failures], total: names.length });
  } else {
    throw new Error(`unknown tool ${tool}`);
  }
} catch (error) {
  emit({ done: true, ms: elapsed(), cpuMs: cpu(), rssMb: rssMb(), error: String((error as Error).message ?? error).split('\n')[0]!.slice(0, 120) });
}

/** The named component and every component it refers to, directly or not. */
function reachable(schemas: Record<string, unknown>, name: string): Record<string, unknown> {
  const seen = new Set([name]);
  const queue = [name];
  while (queue.length > 0) {
    const refs = new Set<string>();
    collectRefs(schemas[queue.pop()!], refs);
    for (const ref of refs) {
      if (!seen.has(ref) && ref in schemas) {
        seen.add(ref);
        queue.push(ref);
      }
    }
  }
  return Object.fromEntries([...seen].map((n) => [n, schemas[n]]));
}

function collectRefs(node: unknown, out: Set<string>): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, out);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out.add(value.split('/').pop()!);
    else collectRefs(value, out);
  }
}
