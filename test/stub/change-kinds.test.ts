import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/diff/diff.js';
import type { Change, Direction } from '../../src/diff/types.js';
import type { JsonSchema } from '../../src/schema/types.js';
import { generateStub, type Stub } from '../../src/stub/generate.js';
import { diagnosticsFor, TypeScriptProject } from './typescript-project.js';

/** One kind of change: the two schemas, what the adapter should make of samples of the new shape. */
interface Scenario {
  name: string;
  baseline: JsonSchema;
  observed: JsonSchema;
  direction?: Direction;
  /** Changes the rules on main do not emit yet (renames, enums, formats), per the contract in HELPERS.md. */
  extraChanges?: Change[];
  /** Input (new shape for responses, baseline shape for requests) → expected output. */
  maps?: { input: unknown; output: unknown }[];
  /** Inputs the adapter must refuse, with the field its error names. */
  throws?: { input: unknown; field: string }[];
  contains?: string[];
  excludes?: string[];
}

const obj = (properties: Record<string, JsonSchema>, required = Object.keys(properties)): JsonSchema => ({ type: 'object', properties, required });

const FAKE_TOKEN = 'tok_fake_not_a_real_value_93c1';

const scenarios: Scenario[] = [
  {
    name: 'removed property: an explicit placeholder naming what was removed',
    baseline: obj({ id: { type: 'string' }, email: { type: 'string' } }),
    observed: obj({ id: { type: 'string' } }),
    maps: [{ input: { id: 'c1' }, output: { id: 'c1', email: '' } }],
    contains: ['REMOVED (response-property-removed, breaking): `email` is no longer sent.', 'TODO(driftwatch): placeholder for email'],
  },
  {
    name: 'removed optional property: left out, with a comment',
    baseline: obj({ id: { type: 'string' }, nickname: { type: 'string' } }, ['id']),
    observed: obj({ id: { type: 'string' } }),
    maps: [{ input: { id: 'c1' }, output: { id: 'c1' } }],
    contains: ['`nickname` is optional in the shape your code expects and is not sent now: left out.'],
  },
  {
    name: 'added property: listed, not mapped',
    baseline: obj({ id: { type: 'string' } }),
    observed: obj({ id: { type: 'string' }, receipt_url: { type: 'string' } }),
    maps: [{ input: { id: 'c1', receipt_url: 'https://example.test/r' }, output: { id: 'c1' } }],
    contains: ['Also in the shape the vendor sends now, not mapped: `receipt_url`.'],
  },
  {
    name: 'renamed property: mapped from its new name, with the confidence',
    baseline: obj({ id: { type: 'string' }, email: { type: 'string' } }),
    observed: obj({ id: { type: 'string' }, email_address: { type: 'string' } }),
    extraChanges: [
      {
        id: 'response-property-renamed',
        level: 'breaking',
        path: '/properties/email',
        message: 'property `email` was renamed to `email_address`',
        before: { name: 'email', schema: { type: 'string' } },
        after: { name: 'email_address', schema: { type: 'string' } },
        confidence: 0.82,
      },
    ],
    maps: [{ input: { id: 'c1', email_address: 'jo@example.test' }, output: { id: 'c1', email: 'jo@example.test' } }],
    contains: ['RENAMED (response-property-renamed, breaking, confidence 0.82): `email` is now `email_address`.', 'email: input.email_address'],
  },
  {
    name: 'became optional: a defaulting branch with a TODO naming the field',
    baseline: obj({ id: { type: 'string' }, amount: { type: 'integer' } }),
    observed: obj({ id: { type: 'string' }, amount: { type: 'integer' } }, ['id']),
    maps: [
      { input: { id: 'c1', amount: 5 }, output: { id: 'c1', amount: 5 } },
      { input: { id: 'c1' }, output: { id: 'c1', amount: 0 } },
    ],
    contains: ['OPTIONAL NOW (response-property-became-optional, breaking): `amount` may be absent.', 'TODO(driftwatch): amount may be absent now'],
  },
  {
    name: 'became nullable: a defaulting branch with a TODO naming the field',
    baseline: obj({ customer: obj({ id: { type: 'string' } }) }),
    observed: obj({ customer: { type: ['object', 'null'], properties: { id: { type: 'string' } }, required: ['id'] } }),
    maps: [
      { input: { customer: { id: 'cus_1' } }, output: { customer: { id: 'cus_1' } } },
      { input: { customer: null }, output: { customer: { id: '' } } },
    ],
    contains: ['NULLABLE NOW (response-became-nullable, breaking): customer may be null.', 'TODO(driftwatch): customer may be null now'],
  },
  {
    name: 'type changed, number → numeric string: converted, and refused when not numeric',
    baseline: obj({ amount: { type: 'integer' } }),
    observed: obj({ amount: { type: 'string' } }),
    maps: [{ input: { amount: '1200' }, output: { amount: 1200 } }],
    throws: [{ input: { amount: 'twelve' }, field: 'amount' }],
    contains: ['TYPE (response-type-changed, breaking): amount was integer, is now string.', 'numericStringToInteger(input.amount, "amount")'],
  },
  {
    name: 'type changed, string → number: converted with String()',
    baseline: obj({ code: { type: 'string' } }),
    observed: obj({ code: { type: 'integer' } }),
    maps: [{ input: { code: 42 }, output: { code: '42' } }],
    contains: ['String(input.code)'],
  },
  {
    name: 'type changed, epoch seconds → ISO date-time string',
    baseline: obj({ created: { type: 'integer' } }),
    observed: obj({ created: { type: 'string', format: 'date-time' } }),
    maps: [{ input: { created: '2024-07-29T00:00:00Z' }, output: { created: 1722211200 } }],
    throws: [{ input: { created: 'yesterday' }, field: 'created' }],
    contains: ['isoToEpochSeconds(input.created, "created")'],
  },
  {
    name: 'type changed, ISO date-time string → epoch seconds',
    baseline: obj({ created: { type: 'string', format: 'date-time' } }),
    observed: obj({ created: { type: 'integer' } }),
    maps: [{ input: { created: 1722211200 }, output: { created: '2024-07-29T00:00:00.000Z' } }],
    contains: ['epochSecondsToIsoDateTime(input.created, "created")'],
  },
  {
    name: 'type changed, one value → one-element array',
    baseline: obj({ tags: { type: 'array', items: { type: 'string' } } }),
    observed: obj({ tags: { type: 'string' } }),
    maps: [{ input: { tags: 'vip' }, output: { tags: ['vip'] } }],
    contains: ['tags: [input.tags]'],
  },
  {
    name: 'type changed, one-element array → one value, refused for any other length',
    baseline: obj({ tag: { type: 'string' } }),
    observed: obj({ tag: { type: 'array', items: { type: 'string' } } }),
    maps: [{ input: { tag: ['vip'] }, output: { tag: 'vip' } }],
    throws: [{ input: { tag: ['vip', 'gold'] }, field: 'tag' }],
    contains: ['fromSingleElement(input.tag, "tag", (item) => item)'],
  },
  {
    name: 'type changed with no safe conversion: compiles, throws naming the field when hit',
    baseline: obj({ id: { type: 'string' }, customer: { type: 'string' } }),
    observed: obj({ id: { type: 'string' }, customer: obj({ id: { type: 'string' } }) }),
    throws: [{ input: { id: 'c1', customer: { id: 'cus_1' } }, field: 'customer' }],
    contains: ['cannotConvert("customer", "an object", "a string")'],
  },
  {
    name: 'type widened integer → number: integers pass, fractions are refused',
    baseline: obj({ percent_off: { type: 'integer' } }),
    observed: obj({ percent_off: { type: 'number' } }),
    maps: [{ input: { percent_off: 25 }, output: { percent_off: 25 } }],
    throws: [{ input: { percent_off: 25.5 }, field: 'percent_off' }],
    contains: ['toInteger(input.percent_off, "percent_off")'],
  },
  {
    name: 'type widened to a union: each kind converted, chosen at run time',
    baseline: obj({ amount: { type: 'integer' } }),
    observed: obj({ amount: { type: ['integer', 'string'] } }),
    maps: [
      { input: { amount: 7 }, output: { amount: 7 } },
      { input: { amount: '7' }, output: { amount: 7 } },
    ],
    contains: ['typeof input.amount === "number"'],
  },
  {
    name: 'new enum values: an exhaustive switch, the new cases marked, observed values never printed',
    baseline: obj({ status: { type: 'string', enum: ['failed', 'pending', 'succeeded'] } }),
    observed: obj({ status: { type: 'string', enum: ['failed', 'pending', 'requires_capture', 'succeeded', FAKE_TOKEN] } }),
    extraChanges: [
      {
        id: 'response-enum-value-added',
        level: 'breaking',
        path: '/properties/status',
        message: `status may now be requires_capture or ${FAKE_TOKEN}`,
        before: ['failed', 'pending', 'succeeded'],
        after: ['failed', 'pending', 'requires_capture', 'succeeded', FAKE_TOKEN],
      },
    ],
    maps: [{ input: { status: 'pending' }, output: { status: 'pending' } }],
    throws: [{ input: { status: 'requires_capture' }, field: 'status' }],
    contains: [
      'NEW VALUES (response-enum-value-added, breaking): status has values the baseline does not list.',
      'NEW: the vendor now sends 2 values the baseline does not list.',
      'case "succeeded":',
    ],
    excludes: ['requires_capture', FAKE_TOKEN],
  },
  {
    name: 'request: a value the vendor no longer accepts is a marked case that throws',
    direction: 'request',
    baseline: obj({ method: { type: 'string', enum: ['bank', 'card', 'wire'] } }),
    observed: obj({ method: { type: 'string', enum: ['bank', 'card'] } }),
    extraChanges: [
      {
        id: 'request-enum-value-removed',
        level: 'breaking',
        path: '/properties/method',
        message: 'method no longer accepts wire',
        before: ['bank', 'card', 'wire'],
        after: ['bank', 'card'],
      },
    ],
    maps: [{ input: { method: 'card' }, output: { method: 'card' } }],
    throws: [{ input: { method: 'wire' }, field: 'method' }],
    contains: ['export function adaptScenarioRequest(input: ScenarioBaseline): ScenarioObserved', 'return assertNever(value, "method")'],
  },
  {
    name: 'request: a new required property gets a placeholder, a retyped one a conversion',
    direction: 'request',
    baseline: obj({ amount: { type: 'integer' }, currency: { type: 'string' } }),
    observed: obj({ amount: { type: 'string' }, currency: { type: 'string' }, idempotency_key: { type: 'string' } }),
    maps: [{ input: { amount: 1200, currency: 'usd' }, output: { amount: '1200', currency: 'usd', idempotency_key: '' } }],
    contains: ['REQUIRED NOW (request-required-property-added, breaking): `idempotency_key` must be present.'],
  },
  {
    name: 'request: a renamed property is sent under its new name',
    direction: 'request',
    baseline: obj({ email: { type: 'string' } }),
    observed: obj({ email_address: { type: 'string' } }),
    extraChanges: [
      {
        id: 'request-property-renamed',
        level: 'breaking',
        path: '/properties/email',
        message: 'property `email` was renamed to `email_address`',
        before: { name: 'email', schema: { type: 'string' } },
        after: { name: 'email_address', schema: { type: 'string' } },
        confidence: 0.9,
      },
    ],
    maps: [{ input: { email: 'jo@example.test' }, output: { email_address: 'jo@example.test' } }],
    contains: ['RENAMED (request-property-renamed, breaking, confidence 0.90): `email` is now `email_address`.', 'email_address: input.email'],
  },
  {
    name: 'a nullable root object',
    baseline: obj({ id: { type: 'string' } }),
    observed: { type: ['object', 'null'], properties: { id: { type: 'string' } }, required: ['id'] },
    maps: [
      { input: { id: 'a' }, output: { id: 'a' } },
      { input: null, output: { id: '' } },
    ],
  },
  {
    name: 'maps (additionalProperties) with retyped values',
    baseline: obj({ counts: { type: 'object', additionalProperties: { type: 'integer' } } }),
    observed: obj({ counts: { type: 'object', additionalProperties: { type: 'string' } } }),
    maps: [{ input: { counts: { a: '1', b: '2' } }, output: { counts: { a: 1, b: 2 } } }],
  },
  {
    name: 'combined schemas (anyOf) that differ: compiles, throws naming the field',
    baseline: obj({ id: { type: 'string' }, source: { anyOf: [{ type: 'string' }, obj({ id: { type: 'string' } })] } }),
    observed: obj({ id: { type: 'string' }, source: { anyOf: [{ type: 'integer' }, obj({ id: { type: 'string' } })] } }),
    throws: [{ input: { id: 'a', source: 3 }, field: 'source' }],
  },
  {
    name: 'local $ref, recursive ones included, are inlined; remote ones are not fetched',
    baseline: {
      $defs: { node: obj({ name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } }, ['name']) },
      type: 'object',
      properties: { root: { $ref: '#/$defs/node' }, size: { type: 'integer' } },
      required: ['root', 'size'],
    },
    observed: {
      $defs: { node: obj({ name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } }, ['name']) },
      type: 'object',
      properties: { root: { $ref: '#/$defs/node' }, size: { type: 'string' } },
      required: ['root', 'size'],
    },
    maps: [{ input: { root: { name: 'a', children: [{ name: 'b' }] }, size: '2' }, output: { root: { name: 'a', children: [{ name: 'b' }] }, size: 2 } }],
  },
  {
    name: 'nested objects and arrays: handled recursively',
    baseline: obj({
      lines: { type: 'array', items: obj({ price: obj({ amount: { type: 'integer' }, currency: { type: 'string' } }), sku: { type: 'string' } }) },
    }),
    observed: obj({
      lines: {
        type: 'array',
        items: obj({ price: obj({ amount: { type: 'string' }, currency: { type: 'string' } }), sku: { type: ['string', 'null'] }, tax: { type: 'integer' } }),
      },
    }),
    maps: [
      {
        input: { lines: [{ price: { amount: '100', currency: 'eur' }, sku: null, tax: 1 }, { price: { amount: '5', currency: 'eur' }, sku: 's1', tax: 0 }] },
        output: { lines: [{ price: { amount: 100, currency: 'eur' }, sku: '' }, { price: { amount: 5, currency: 'eur' }, sku: 's1' }] },
      },
    ],
    contains: ['input.lines.map((item): ScenarioBaselineLinesItem => adaptLinesItem(item))', 'function adaptLinesItemPrice('],
  },
  {
    name: 'an array at the root, and an array of arrays',
    baseline: { type: 'array', items: obj({ id: { type: 'string' }, grid: { type: 'array', items: { type: 'array', items: { type: 'integer' } } } }) },
    observed: { type: 'array', items: obj({ id: { type: 'string' }, grid: { type: 'array', items: { type: 'array', items: { type: 'string' } } } }) },
    maps: [{ input: [{ id: 'a', grid: [['1', '2'], ['3']] }], output: [{ id: 'a', grid: [[1, 2], [3]] }] }],
  },
  {
    name: 'format changed: passed through, with the change named',
    baseline: obj({ day: { type: 'string', format: 'date' } }),
    observed: obj({ day: { type: 'string', format: 'date-time' } }),
    extraChanges: [
      { id: 'response-format-changed', level: 'warning', path: '/properties/day', message: 'format changed', before: 'date', after: 'date-time' },
    ],
    maps: [{ input: { day: '2024-07-29T00:00:00Z' }, output: { day: '2024-07-29T00:00:00Z' } }],
    contains: ['FORMAT (response-format-changed, warning): day was date, is now date-time.'],
  },
  {
    name: 'an unknown rule id degrades to a commented TODO',
    baseline: obj({ id: { type: 'string' } }),
    observed: obj({ id: { type: 'string' } }),
    extraChanges: [
      { id: 'response-widget-frobnicated', level: 'warning', path: '/properties/id', message: `x ${FAKE_TOKEN}`, before: FAKE_TOKEN, after: null },
      { id: 'response-widget-frobnicated', level: 'info', path: '/properties/nowhere/items', message: 'y', before: null, after: null },
    ],
    maps: [{ input: { id: 'c1' }, output: { id: 'c1' } }],
    contains: [
      'TODO(driftwatch): response-widget-frobnicated, warning at id is not mapped automatically',
      'Changes this stub does not map (review them by hand):',
      'TODO(driftwatch): response-widget-frobnicated, info at nowhere[] is not mapped automatically',
    ],
    excludes: [FAKE_TOKEN],
  },
  {
    name: 'awkward property names compile and map',
    baseline: obj({ '3d-secure': { type: 'string' }, 'with space': { type: 'integer' }, class: { type: 'boolean' }, constructor: { type: 'string' } as JsonSchema, '*/': { type: 'string' } }),
    observed: obj({ '3d-secure': { type: ['string', 'null'] }, 'with space': { type: 'string' }, class: { type: 'boolean' }, constructor: { type: 'string' } as JsonSchema, '*/': { type: 'string' } }),
    maps: [
      {
        input: { '3d-secure': null, 'with space': '4', class: true, constructor: 'x', '*/': 'y' },
        output: { '3d-secure': '', 'with space': 4, class: true, constructor: 'x', '*/': 'y' },
      },
    ],
  },
  {
    name: 'schema text that could carry a value never reaches the stub',
    baseline: {
      type: 'object',
      title: `Title ${FAKE_TOKEN}`,
      description: `*/ ${FAKE_TOKEN}`,
      properties: {
        token: { type: 'string', examples: [FAKE_TOKEN], default: FAKE_TOKEN, description: FAKE_TOKEN, pattern: `^(abc|${FAKE_TOKEN})$` },
        kind: { type: 'string', tsType: `"${FAKE_TOKEN}"` },
        remote: { $ref: 'https://example.test/schema.json' },
      },
      required: ['token', 'kind'],
    },
    observed: {
      type: 'object',
      properties: {
        token: { type: 'string', examples: [FAKE_TOKEN] },
        kind: { type: 'integer', enum: [1, 2] },
        remote: { type: 'string' },
        flavour: { const: FAKE_TOKEN },
      },
      required: ['token', 'kind'],
    },
    maps: [{ input: { token: 'abc', kind: 1 }, output: { token: 'abc', kind: '1' } }],
    excludes: [FAKE_TOKEN, 'Title', 'example.test'],
  },
];

interface Generated {
  scenario: Scenario;
  stub: Stub;
  file: string;
  changes: Change[];
}

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
// The remote schema one scenario's baseline refers to: ajv resolves it, the stub generator must not.
ajv.addSchema({ $id: 'https://example.test/schema.json', type: 'string' });
let project: TypeScriptProject;
let generated: Generated[];
let compileOutput: string;

beforeAll(async () => {
  project = await TypeScriptProject.create();
  generated = [];
  for (const [index, scenario] of scenarios.entries()) {
    const direction = scenario.direction ?? 'response';
    const changes = [...diffSchemas(scenario.baseline, scenario.observed, { direction }), ...(scenario.extraChanges ?? [])];
    const stub = await generateStub({
      monitor: 'scenario',
      baseline: scenario.baseline,
      observed: scenario.observed,
      changes,
      baselineVersion: 3,
      observedAt: new Date('2026-01-02T03:04:05Z'),
      direction,
    });
    const file = `scenario-${index}.adapter.ts`;
    await project.write(file, stub.adapter.text);
    await project.write(`scenario-${index}.adapter.test.ts`, stub.contractTest.text.replace('./scenario.adapter.js', `./scenario-${index}.adapter.js`));
    generated.push({ scenario, stub, file, changes });
  }
  compileOutput = (await project.compile()).output;
}, 120_000);

afterAll(async () => {
  await project?.remove();
});

describe.each(scenarios.map((s, i) => [s.name, i] as const))('stub for %s', (_name, index) => {
  it('compiles under tsc --strict and maps samples of the new shape to the old one', async () => {
    const { scenario, stub, file } = generated[index]!;
    expect(diagnosticsFor(compileOutput, file), stub.adapter.text).toEqual([]);
    expect(diagnosticsFor(compileOutput, file.replace('.ts', '.test.ts')), stub.contractTest.text).toEqual([]);
    for (const text of scenario.contains ?? []) expect(stub.adapter.text).toContain(text);
    for (const text of scenario.excludes ?? []) {
      expect(stub.adapter.text).not.toContain(text);
      expect(stub.contractTest.text).not.toContain(text);
    }

    const module = await project.load<Record<string, (input: unknown) => unknown>>(file, stub.adapter.text);
    const adapt = module[stub.functionName]!;
    const response = stub.direction === 'response';
    for (const { input, output } of scenario.maps ?? []) {
      expect(ajv.validate(response ? scenario.observed : scenario.baseline, input), `sample ${JSON.stringify(input)}: ${ajv.errorsText()}`).toBe(true);
      const adapted = adapt(input);
      expect(adapted).toEqual(output);
      expect(ajv.validate(response ? scenario.baseline : scenario.observed, adapted), ajv.errorsText()).toBe(true);
    }
    for (const { input, field } of scenario.throws ?? []) {
      let error: unknown;
      try {
        adapt(input);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('DriftwatchAdapterError');
      expect((error as { field: string }).field).toBe(field);
      expect((error as Error).message.startsWith(`${field}: `)).toBe(true);
    }
  });
});

describe('stub output', () => {
  it('is byte-identical for the same drift, whatever order the changes and keys come in', async () => {
    const { scenario, stub, changes } = generated.find((g) => g.scenario.name.startsWith('nested objects'))!;
    const again = await generateStub({
      monitor: 'scenario',
      baseline: reverseKeys(scenario.baseline),
      observed: reverseKeys(scenario.observed),
      changes: [...changes].reverse(),
      baselineVersion: 3,
      observedAt: new Date('2026-01-02T23:59:59Z'),
      direction: 'response',
    });
    expect(again.adapter.text).toBe(stub.adapter.text);
    expect(again.contractTest.text).toBe(stub.contractTest.text);
  });

  it('names the monitor, the baseline version and the observed date in its header, and its types after the monitor', async () => {
    const stub = await generateStub({
      monitor: 'stripe-charges',
      baseline: obj({ id: { type: 'string' } }),
      observed: obj({ id: { type: 'string' }, paid: { type: 'boolean' } }),
      changes: diffSchemas(obj({ id: { type: 'string' } }), obj({ id: { type: 'string' }, paid: { type: 'boolean' } })),
      baselineVersion: 7,
      observedAt: new Date('2024-07-29T10:00:00Z'),
    });
    expect(stub.adapter.text.split('\n').slice(0, 2)).toEqual([
      '// Generated by driftwatch: adapter stub for monitor "stripe-charges".',
      '// Baseline: version 7. Observed: 2024-07-29. Changes (response): 0 breaking, 0 warning, 1 info.',
    ]);
    expect(stub.adapter.text).toContain('export interface StripeChargesBaseline {');
    expect(stub.adapter.text).toContain('export interface StripeChargesObserved {');
    expect(stub.adapter.text).toContain('export function adaptStripeCharges(input: StripeChargesObserved): StripeChargesBaseline {');
    expect(stub.adapter.fileName).toBe('stripe-charges.adapter.ts');
    expect(stub.contractTest.fileName).toBe('stripe-charges.adapter.test.ts');
  });
});

function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) out[key] = reverseKeys((value as Record<string, unknown>)[key]);
  return out as T;
}
