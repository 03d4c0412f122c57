import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/diff/diff.js';
import type { Change } from '../../src/diff/types.js';
import type { JsonSchema, JsonValue } from '../../src/schema/types.js';
import { generateStub, type Stub } from '../../src/stub/generate.js';
import { diagnosticsFor, TypeScriptProject } from './typescript-project.js';

/*
 * Random pairs of schemas (a baseline and a mutation of it, or two unrelated schemas) with a fixed
 * seed: every stub must compile, and its adapter must turn samples of the new shape into values of
 * the old shape, or refuse them with a DriftwatchAdapterError. Never crash, never emit broken code.
 */

const NAMES = ['id', 'amount', 'status', 'created', 'tags', 'customer', 'with-dash', 'class'];

const leaf: fc.Arbitrary<JsonSchema> = fc.constantFrom<JsonSchema>(
  { type: 'string' },
  { type: 'integer' },
  { type: 'number' },
  { type: 'boolean' },
  { type: 'null' },
  { type: ['string', 'null'] },
  { type: ['integer', 'string'] },
  { type: 'string', format: 'date-time' },
  { type: 'string', enum: ['a', 'b', 'c'] },
  { type: 'string', enum: ['a', 'b'] },
  { type: 'integer', enum: [1, 2] },
);

const { node } = fc.letrec<{ node: JsonSchema; object: JsonSchema; array: JsonSchema }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', maxDepth: 4 }, leaf, tie('object'), tie('array')),
  object: fc
    .tuple(fc.dictionary(fc.constantFrom(...NAMES), tie('node'), { maxKeys: 4 }), fc.subarray(NAMES), fc.boolean())
    .map(([properties, required, nullable]) => ({
      type: nullable ? ['object', 'null'] : 'object',
      properties,
      required: required.filter((n) => n in properties),
    })),
  array: fc.tuple(tie('node'), fc.boolean()).map(([items, single]) => (single ? { type: ['array', 'string'], items } : { type: 'array', items })),
}));

/** The schema, changed here and there the way vendors change things. */
function mutate(schema: JsonSchema): fc.Arbitrary<JsonSchema> {
  const self = fc.constant(schema);
  const changed: fc.Arbitrary<JsonSchema>[] = [leaf];
  if (schema.properties) {
    const entries = Object.entries(schema.properties);
    changed.push(
      fc
        .tuple(
          fc.tuple(...entries.map(([, child]) => fc.oneof({ weight: 3, arbitrary: mutate(child) }, { weight: 1, arbitrary: fc.constant(undefined) }))),
          fc.option(fc.tuple(fc.constantFrom(...NAMES), leaf), { nil: undefined }),
          fc.subarray(NAMES),
        )
        .map(([children, added, required]) => {
          const properties: Record<string, JsonSchema> = {};
          entries.forEach(([name], i) => {
            if (children[i] !== undefined) properties[name] = children[i]!;
          });
          if (added) properties[added[0]] = added[1];
          return { ...schema, properties, required: required.filter((n) => n in properties) };
        }),
    );
  }
  if (schema.items && typeof schema.items === 'object') changed.push(mutate(schema.items).map((items) => ({ ...schema, items })));
  if (schema.type && !Array.isArray(schema.type)) changed.push(fc.constant({ ...schema, type: [schema.type, 'null'] as JsonSchema['type'] }));
  return fc.oneof({ weight: 2, arbitrary: self }, { weight: 3, arbitrary: fc.oneof(...changed) });
}

const pairs = fc.oneof(
  { weight: 3, arbitrary: node.chain((baseline) => fc.tuple(fc.constant(baseline), mutate(baseline))) },
  { weight: 1, arbitrary: fc.tuple(node, node) },
);

/** Values a schema admits (never anything it does not). */
function valuesOf(schema: JsonSchema): fc.Arbitrary<JsonValue> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as JsonValue[]));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const options = types.map((type): fc.Arbitrary<JsonValue> => {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({ min: -10_000, max: 2_000_000_000 });
      case 'number':
        return fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }));
      case 'string':
        return schema.format === 'date-time'
          ? fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString())
          : fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: 0, max: 999 }).map(String));
      case 'array':
        return fc.array(schema.items && typeof schema.items === 'object' ? valuesOf(schema.items) : fc.constant(null), { maxLength: 3 });
      case 'object': {
        const properties = schema.properties ?? {};
        const model: Record<string, fc.Arbitrary<JsonValue>> = {};
        for (const [name, child] of Object.entries(properties)) model[name] = valuesOf(child);
        return fc.record(model, { requiredKeys: (schema.required ?? []).filter((n) => n in properties) }) as fc.Arbitrary<JsonValue>;
      }
    }
  });
  return options.length === 0 ? fc.constant(null) : fc.oneof(...options);
}

/** Where a property left the root and another arrived, a rename candidate as the diff rules announce them. */
function renameCandidate(baseline: JsonSchema, observed: JsonSchema): Change[] {
  const before = Object.keys(baseline.properties ?? {}).sort();
  const after = Object.keys(observed.properties ?? {}).sort();
  const from = before.find((n) => !after.includes(n));
  const to = after.find((n) => !before.includes(n));
  if (from === undefined || to === undefined) return [];
  return [
    {
      id: 'response-property-renamed',
      level: 'breaking',
      path: `/properties/${from}`,
      message: `property \`${from}\` was renamed to \`${to}\``,
      before: { name: from, schema: baseline.properties![from] },
      after: { name: to, schema: observed.properties![to] },
      confidence: 0.5,
    },
  ];
}

interface Case {
  index: number;
  baseline: JsonSchema;
  observed: JsonSchema;
  changes: Change[];
  stub: Stub;
  file: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
let project: TypeScriptProject;
const cases: Case[] = [];
let compileOutput = '';

describe('stubs for random pairs of schemas', () => {
  beforeAll(async () => {
    project = await TypeScriptProject.create();
    // STUB_FUZZ_RUNS and STUB_FUZZ_SEED widen the search when working on the generator.
    const generated = fc.sample(pairs, { seed: Number(process.env.STUB_FUZZ_SEED ?? 20260301), numRuns: Number(process.env.STUB_FUZZ_RUNS ?? 60) });
    for (const [index, [baseline, observed]] of generated.entries()) {
      const changes = [...diffSchemas(baseline, observed), ...renameCandidate(baseline, observed)];
      const stub = await generateStub({ monitor: `random-${index}`, baseline, observed, changes, baselineVersion: 1, observedAt: new Date(0) });
      await project.write(stub.adapter.fileName, stub.adapter.text);
      cases.push({ index, baseline, observed, changes, stub, file: stub.adapter.fileName });
    }
    compileOutput = (await project.compile()).output;
  }, 300_000);

  afterAll(async () => {
    await project?.remove();
  });

  it('every stub compiles under tsc --strict', () => {
    const failing = cases.filter((c) => diagnosticsFor(compileOutput, c.file).length > 0);
    expect(failing.map((c) => ({ baseline: c.baseline, observed: c.observed, errors: diagnosticsFor(compileOutput, c.file) }))).toEqual([]);
    expect(cases.filter((c) => c.changes.some((change) => change.level === 'breaking')).length).toBeGreaterThan(20);
    expect(cases.filter((c) => c.changes.some((change) => change.id === 'response-property-renamed')).length).toBeGreaterThan(0);
  });

  it('every adapter maps samples of the new shape to the old one, or refuses them naming a field', async () => {
    let mapped = 0;
    let refused = 0;
    for (const c of cases) {
      const module = await project.load<Record<string, (input: unknown) => unknown>>(c.file, c.stub.adapter.text);
      const adapt = module[c.stub.functionName]!;
      for (const sample of fc.sample(valuesOf(c.observed), { seed: c.index, numRuns: 8 })) {
        let adapted: unknown;
        try {
          adapted = adapt(sample);
        } catch (error) {
          expect((error as Error).name, `case ${c.index}, sample ${JSON.stringify(sample)}: ${String(error)}`).toBe('DriftwatchAdapterError');
          expect(typeof (error as { field?: unknown }).field).toBe('string');
          refused++;
          continue;
        }
        const valid = ajv.validate(c.baseline, adapted);
        expect(valid, `case ${c.index}: ${JSON.stringify(sample)} → ${JSON.stringify(adapted)}: ${ajv.errorsText()}\n${c.stub.adapter.text}`).toBe(true);
        mapped++;
      }
    }
    expect(mapped).toBeGreaterThan(refused);
  });
});
