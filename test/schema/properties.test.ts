import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adoptObservation } from '../../src/schema/adopt.js';
import { canonicalize, canonicalJson, stableStringify } from '../../src/schema/canonical.js';
import { inferSchema } from '../../src/schema/infer.js';
import { learn, mergeStates, stateFromJson, stateSchema, stateToJson, type Flavour } from '../../src/schema/state.js';
import type { JsonSchema } from '../../src/schema/types.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
// ownProperties: a sample `{}` has no property `toString`, whatever Object.prototype has.
const ajv = addFormats(new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: false, ownProperties: true }));

/** Strings that exercise formats, enums and map keys, besides arbitrary ones. */
const interestingString = fc.oneof(
  fc.string(),
  fc.constantFrom('open', 'paid', 'void', 'usd', 'eur', 'US', 'cus_NffrFeUfNV2Hib', '2024-01-01', '__proto__', 'items', 'required'),
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.emailAddress(),
  fc.webUrl(),
  fc.uuid(),
  fc.ipV4(),
  fc.ipV6(),
  fc.integer({ min: 0, max: 23 }).map((h) => `${String(h).padStart(2, '0')}:30:00Z`),
);

/** API-like documents: objects with a few recurring keys, lists of them, and maps keyed by data. */
const apiValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    interestingString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('id', 'status', 'amount', 'created', 'email', 'items', 'meta', '__proto__'), tie('value'), { maxKeys: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom('usd', 'eur', 'gbp'), fc.uuid(), fc.string()), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const sample = fc.oneof(fc.jsonValue({ maxDepth: 4 }), apiValue);
const samples = fc.array(sample, { maxLength: 12 });
const flavour = fc.constantFrom<Flavour>('baseline', 'observation');

function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => [keys[i % Math.max(1, keys.length)] ?? i, i, item] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map((entry) => entry[2]);
}

/** A deep copy with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) Object.defineProperty(out, key, { value: reverseKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

function validates(schema: JsonSchema, values: readonly unknown[]): boolean {
  const { $schema: _ignored, ...body } = schema;
  const validate = ajv.compile(body);
  return values.every((v) => validate(v) === true);
}

const RUNS = { numRuns: 150 };

describe('inference properties (fast-check)', () => {
  it('is order-independent: any order of the samples gives the same state and the same bytes', () => {
    fc.assert(
      fc.property(samples, fc.array(fc.integer()), flavour, (xs, keys, f) => {
        const a = learn(xs, { flavour: f });
        const b = learn(shuffled(xs, keys), { flavour: f });
        expect(stableStringify(stateToJson(b))).toBe(stableStringify(stateToJson(a)));
        expect(canonicalJson(stateSchema(b))).toBe(canonicalJson(stateSchema(a)));
      }),
      RUNS,
    );
  });

  it('does not depend on the key order of the objects in the samples', () => {
    fc.assert(
      fc.property(samples, flavour, (xs, f) => {
        expect(JSON.stringify(inferSchema(xs.map(reverseKeys), { flavour: f }))).toBe(JSON.stringify(inferSchema(xs, { flavour: f })));
      }),
      RUNS,
    );
  });

  it('merges associatively and commutatively, and merging equals learning everything at once', () => {
    fc.assert(
      fc.property(samples, samples, samples, flavour, (xs, ys, zs, f) => {
        const [a, b, c] = [learn(xs, { flavour: f }), learn(ys, { flavour: f }), learn(zs, { flavour: f })];
        const all = stableStringify(stateToJson(learn([...xs, ...ys, ...zs], { flavour: f })));
        expect(stableStringify(stateToJson(mergeStates(mergeStates(a, b), c)))).toBe(all);
        expect(stableStringify(stateToJson(mergeStates(a, mergeStates(b, c))))).toBe(all);
        expect(stableStringify(stateToJson(mergeStates(c, mergeStates(b, a))))).toBe(all);
      }),
      RUNS,
    );
  });

  it('accepts every sample it learned from (ajv, draft 2020-12, with ajv-formats), in both flavours', () => {
    fc.assert(
      fc.property(samples, flavour, (xs, f) => {
        expect(validates(inferSchema(xs, { flavour: f }), xs)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('writes canonical bytes: canonicalize changes nothing, twice changes nothing, and a JSON round trip keeps them', () => {
    fc.assert(
      fc.property(samples, flavour, (xs, f) => {
        const schema = inferSchema(xs, { flavour: f });
        // stableStringify writes keys in sorted order; JSON.stringify would put integer-like keys first.
        const text = stableStringify(schema);
        expect(canonicalJson(schema)).toBe(text);
        expect(stableStringify(canonicalize(canonicalize(schema)))).toBe(text);
        expect(canonicalJson(JSON.parse(JSON.stringify(schema)) as JsonSchema)).toBe(text);
      }),
      RUNS,
    );
  });

  it('canonicalizes any schema-like object idempotently', () => {
    const schemaLike: fc.Arbitrary<unknown> = fc.letrec<{ s: unknown }>((tie) => ({
      s: fc.oneof(
        { depthSize: 'small' },
        fc.boolean(),
        fc.record(
          {
            type: fc.oneof(fc.constantFrom('string', 'integer', 'number', 'null'), fc.array(fc.constantFrom('string', 'integer', 'number', 'null', 'object'))),
            properties: fc.dictionary(fc.string(), tie('s'), { maxKeys: 3 }),
            required: fc.array(fc.string(), { maxLength: 3 }),
            items: tie('s'),
            anyOf: fc.array(tie('s'), { maxLength: 3 }),
            enum: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
            additionalProperties: tie('s'),
          },
          { requiredKeys: [] },
        ),
      ),
    })).s;
    fc.assert(
      fc.property(schemaLike, (s) => {
        const once = canonicalJson(s as JsonSchema);
        expect(canonicalJson(JSON.parse(once) as JsonSchema)).toBe(once);
      }),
      RUNS,
    );
  });

  it('round-trips the learning state through JSON', () => {
    fc.assert(
      fc.property(samples, flavour, (xs, f) => {
        const json = stateToJson(learn(xs, { flavour: f }));
        expect(stateToJson(stateFromJson(JSON.parse(JSON.stringify(json))))).toEqual(json);
      }),
      RUNS,
    );
  });

  it('adopts an observation so that the observed samples are accepted, and adopting again changes nothing', () => {
    fc.assert(
      fc.property(samples, samples, (base, seen) => {
        const baseline = inferSchema(base);
        const observed = inferSchema(seen, { flavour: 'observation', mapsLike: baseline });
        const adopted = adoptObservation(baseline, observed);
        expect(validates(adopted, seen)).toBe(true);
        expect(canonicalJson(adoptObservation(baseline, adopted))).toBe(canonicalJson(adopted));
      }),
      RUNS,
    );
  });
});
