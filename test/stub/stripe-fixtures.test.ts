import { execFile } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/diff/diff.js';
import type { Change } from '../../src/diff/types.js';
import { adoptObservation } from '../../src/schema/adopt.js';
import { inferSchema } from '../../src/schema/infer.js';
import type { JsonSchema, JsonValue } from '../../src/schema/types.js';
import { fieldOf } from '../../src/stub/names.js';
import { generateStub, type Stub } from '../../src/stub/generate.js';
import { corpusDir, stripeFixtures, type FixtureSet } from './corpus.js';
import { diagnosticsFor, TypeScriptProject } from './typescript-project.js';

/** Stripe objects with an example in every API version of the corpus (a dozen of the 27, to keep the suite quick). */
const RESOURCES = ['account', 'charge', 'coupon', 'customer', 'discount', 'dispute', 'invoice', 'payout', 'plan', 'product', 'refund', 'subscription'];

const corpus = corpusDir();
if (!corpus) console.warn('[skip] stubs from Stripe fixtures: no corpus (set DRIFTWATCH_CORPUS to the folder holding stripe-fixtures/)');

interface Case {
  label: string;
  resource: string;
  before: JsonValue;
  after: JsonValue;
  baseline: JsonSchema;
  observed: JsonSchema;
  changes: Change[];
  stub: Stub;
  file: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
let project: TypeScriptProject;
let cases: Case[] = [];
let compileOutput = '';

/** Every adjacent pair of API versions, and the oldest against the newest. */
function pairs(sets: FixtureSet[]): [FixtureSet, FixtureSet][] {
  const out: [FixtureSet, FixtureSet][] = [];
  for (let i = 0; i + 1 < sets.length; i++) out.push([sets[i]!, sets[i + 1]!]);
  if (sets.length > 2) out.push([sets[0]!, sets[sets.length - 1]!]);
  return out;
}

/** Long string values of a sample that are not also names in its schema: what must never reach a stub. */
function responseStrings(value: JsonValue, names: Set<string>, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (value.length >= 10 && !names.has(value)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) responseStrings(item, names, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      names.add(key);
      responseStrings(item, names, out);
    }
  }
  return out;
}

describe.skipIf(!corpus)('stubs for real changes between Stripe API versions', () => {
  beforeAll(async () => {
    project = await TypeScriptProject.create();
    const sets = await stripeFixtures(corpus!);
    for (const [older, newer] of pairs(sets)) {
      for (const resource of RESOURCES) {
        const before = older.resources[resource];
        const after = newer.resources[resource];
        if (before === undefined || after === undefined) continue;
        const baseline = inferSchema([before]);
        const sampled = inferSchema([after]);
        // What `driftwatch check` sees: the baseline against one response, diffed as an observation.
        const changes = diffSchemas(baseline, sampled, { mode: 'observation' });
        if (changes.length === 0) continue;
        // What `driftwatch stub` maps from: the observation as `accept` would adopt it.
        const observed = adoptObservation(baseline, sampled);
        const monitor = `stripe-${resource.replace(/_/g, '-')}-${older.date}-${newer.date}`;
        const stub = await generateStub({ monitor, baseline, observed, changes, baselineVersion: 1, observedAt: new Date(`${newer.date}T00:00:00Z`) });
        const file = stub.adapter.fileName;
        await project.write(file, stub.adapter.text);
        cases.push({ label: `${resource} ${older.date} → ${newer.date}`, resource, before, after, baseline, observed, changes, stub, file });
      }
    }
    compileOutput = (await project.compile()).output;
  }, 300_000);

  afterAll(async () => {
    await project?.remove();
  });

  it('finds real drift in the corpus to generate stubs for', () => {
    expect(cases.length).toBeGreaterThan(50);
    const kinds = new Set(cases.flatMap((c) => c.changes.map((change) => change.id)));
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['response-became-nullable', 'response-property-added', 'response-property-removed', 'response-type-widened']),
    );
  });

  it('every generated module compiles under tsc --strict', () => {
    const failing = cases.filter((c) => diagnosticsFor(compileOutput, c.file).length > 0).map((c) => c.label);
    expect(failing, compileOutput.slice(0, 4000)).toEqual([]);
  });

  it('every adapter maps the newer example to the baseline shape, or refuses naming a retyped field', async () => {
    const refused: string[] = [];
    for (const c of cases) {
      expect(ajv.validate(c.observed, c.after), `${c.label}: the example must fit the observed schema`).toBe(true);
      const module = await project.load<Record<string, (input: unknown) => unknown>>(c.file, c.stub.adapter.text);
      let adapted: unknown;
      try {
        adapted = module[c.stub.functionName]!(c.after);
      } catch (error) {
        // Only where the mapping is not determined: a type change with no safe conversion for this value.
        const field = (error as { field?: string }).field;
        const retyped = c.changes.filter((change) => change.id.startsWith('response-type-')).map((change) => fieldOf(change.path));
        expect((error as Error).name, `${c.label}: ${String(error)}`).toBe('DriftwatchAdapterError');
        expect(retyped, `${c.label}: refused at ${field}`).toContain(field);
        refused.push(`${c.label}: ${field}`);
        continue;
      }
      expect(ajv.validate(c.baseline, adapted), `${c.label}: ${ajv.errorsText()}`).toBe(true);
    }
    // percent_off became fractional in the 2019 examples: 25.5 has no integer to map to.
    expect(refused.length).toBeLessThan(cases.length / 10);
    console.info(`[stub] ${cases.length} Stripe stubs: ${cases.length - refused.length} map the newer example to the baseline shape; refused (retyped): ${refused.join('; ') || 'none'}`);
  });

  it('no stub carries a value from the examples it was learned from', () => {
    for (const c of cases) {
      const names = new Set<string>();
      const values = new Set([...responseStrings(c.before, names), ...responseStrings(c.after, names)]);
      for (const value of values) {
        if (names.has(value)) continue;
        // As a token of its own: a value may well be part of a longer property name (`external_account`).
        const token = new RegExp(`(^|[^A-Za-z0-9_])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_])`);
        expect(token.test(c.stub.adapter.text), `${c.label}: ${value}`).toBe(false);
        expect(token.test(c.stub.contractTest.text), `${c.label}: ${value}`).toBe(false);
      }
    }
  });

  it('the generated contract test passes under vitest with a recorded response', async () => {
    const c = cases.find((x) => x.label === 'charge 2017-09-15 → 2026-07-29');
    expect(c).toBeDefined();
    const contract = await TypeScriptProject.create();
    try {
      await contract.write(c!.stub.adapter.fileName, c!.stub.adapter.text);
      await contract.write(c!.stub.contractTest.fileName, c!.stub.contractTest.text);
      const skipped = await runVitest(contract.dir);
      expect(skipped.output).toMatch(/2 skipped/);

      await contract.write(c!.stub.adapter.fileName.replace('.adapter.ts', '.recorded.json'), JSON.stringify(c!.after));
      const passed = await runVitest(contract.dir);
      expect(passed.code, passed.output).toBe(0);
      expect(passed.output).toMatch(/2 passed/);

      const compiled = await contract.compile();
      expect(compiled.output).toBe('');
    } finally {
      await contract.remove();
    }
  });
});

function runVitest(dir: string): Promise<{ code: number | null; output: string }> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete env[key];
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [`${dir}/node_modules/vitest/vitest.mjs`, 'run', '--root', dir, '--reporter', 'default', '--color=false'],
      { cwd: dir, env: env as NodeJS.ProcessEnv, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolvePromise({ code: error ? ((error.code as number | undefined) ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}
