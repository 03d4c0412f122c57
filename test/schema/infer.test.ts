import { describe, expect, it } from 'vitest';
import { adoptObservation } from '../../src/schema/adopt.js';
import { canonicalJson, schemaHash } from '../../src/schema/canonical.js';
import { inferSchema } from '../../src/schema/infer.js';
import { parseSample } from '../../src/schema/sample-input.js';
import { emptyState, extendState, learn, mergeStates, stateFromJson, stateSchema, stateToJson } from '../../src/schema/state.js';

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** `n` samples `{ [key]: value(i) }`. */
function many<T>(n: number, value: (i: number) => T, key = 'v'): Record<string, T>[] {
  return Array.from({ length: n }, (_, i) => ({ [key]: value(i) }));
}

function fieldOf(samples: unknown[], options: Parameters<typeof inferSchema>[1] = {}, key = 'v') {
  return inferSchema(samples, options).properties![key];
}

describe('types', () => {
  it('infers types, nested objects, arrays, null, and required = present in every sample', () => {
    expect(
      inferSchema([
        { id: 'a', n: 1, tags: ['x'], owner: { name: 'x' }, note: null },
        { id: 'b', n: 2.5, tags: [], owner: { name: 'y', age: 3 } },
      ]),
    ).toEqual({
      $schema: DRAFT,
      type: 'object',
      properties: {
        id: { type: 'string' },
        n: { type: 'number' },
        note: { type: 'null' },
        owner: { type: 'object', properties: { age: { type: 'integer' }, name: { type: 'string' } }, required: ['name'] },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['id', 'n', 'owner', 'tags'],
    });
  });

  it('calls an integer field that once carries a fraction a number, and keeps integer otherwise (1.0 is an integer)', () => {
    expect(fieldOf([{ v: 1 }, { v: 2 }, { v: 3.0 }])).toEqual({ type: 'integer' });
    expect(fieldOf([{ v: 1 }, { v: 1.5 }])).toEqual({ type: 'number' });
  });

  it('keeps null as its own type and joins mixed types into one union', () => {
    expect(fieldOf([{ v: 'a' }, { v: null }])).toEqual({ type: ['null', 'string'] });
    expect(fieldOf([{ v: 'a' }, { v: 1 }, { v: true }, { v: [1] }, { v: { a: 1 } }, { v: null }])).toEqual({
      type: ['array', 'boolean', 'integer', 'null', 'object', 'string'],
      items: { type: 'integer' },
      properties: { a: { type: 'integer' } },
      required: ['a'],
    });
  });

  it('learns from every element of a list response', () => {
    const schema = inferSchema([[{ id: 1, email: 'a' }, { id: 2 }]]);
    expect(schema.items).toEqual({ type: 'object', properties: { email: { type: 'string' }, id: { type: 'integer' } }, required: ['id'] });
  });

  it('leaves empty arrays and empty objects open, and learns their shape when a later sample fills them', () => {
    const early = inferSchema([{ list: [], meta: {} }]);
    expect(early.properties).toEqual({ list: { type: 'array' }, meta: { type: 'object' } });
    const state = learn([{ list: [], meta: {} }]);
    extendState(state, [{ list: [{ id: 'a' }], meta: { plan: 'pro' } }]);
    expect(stateSchema(state).properties).toEqual({
      list: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
      meta: { type: 'object', properties: { plan: { type: 'string' } } },
    });
  });

  it('accepts anything when it has seen nothing', () => {
    expect(inferSchema([])).toEqual({ $schema: DRAFT });
  });

  it('keeps a property called __proto__ as a property', () => {
    const schema = inferSchema([JSON.parse('{"__proto__": {"x": 1}}')]);
    expect(Object.keys(schema.properties!)).toEqual(['__proto__']);
    expect(canonicalJson(schema)).toContain('"__proto__":{"properties":{"x"');
  });
});

describe('canonical output', () => {
  it('gives the same canonical bytes and hash whatever the key order of the samples', () => {
    const a = inferSchema([{ b: 1, a: { y: 'x', x: true } }]);
    const b = inferSchema([{ a: { x: false, y: 'z' }, b: 2 }]);
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(schemaHash(a)).toBe(schemaHash(b));
    expect(JSON.stringify(a)).toBe(canonicalJson(a));
  });

  it('writes set keywords sorted, a single type as a string, and nothing that constrains nothing', () => {
    expect(
      canonicalJson({
        type: ['string', 'null', 'string'],
        required: [],
        properties: {},
        items: {},
        additionalProperties: true,
        anyOf: [{ type: 'string' }, { type: ['integer'] }],
        enum: ['b', 'a', 'b'],
      }),
    ).toBe('{"anyOf":[{"type":"integer"},{"type":"string"}],"enum":["a","b"],"type":["null","string"]}');
    expect(canonicalJson({ type: ['integer', 'number'] })).toBe('{"type":"number"}');
  });

  it('leaves property names and data alone: a property called "items" or "required" is a property', () => {
    expect(canonicalJson({ properties: { required: {}, items: { type: ['string'] } }, default: { b: [], a: {} } })).toBe(
      '{"default":{"a":{},"b":[]},"properties":{"items":{"type":"string"},"required":{}}}',
    );
  });
});

describe('string formats', () => {
  const cases: [string, (i: number) => string][] = [
    ['date-time', (i) => `2024-01-${String(10 + i).padStart(2, '0')}T10:00:00Z`],
    ['date', (i) => `2024-02-${String(10 + i).padStart(2, '0')}`],
    ['time', (i) => `10:${String(10 + i)}:00+02:00`],
    ['email', (i) => `user${i}@example.com`],
    ['uri', (i) => `https://example.com/r/${i}`],
    ['uuid', (i) => `123e4567-e89b-12d3-a456-42661417400${i}`],
    ['ipv4', (i) => `192.168.0.${i + 1}`],
    ['ipv6', (i) => `2001:db8::${i + 1}`],
  ];
  it.each(cases)('asserts %s when every one of at least three values matches', (format, value) => {
    expect(fieldOf(many(3, value))).toEqual({ type: 'string', format });
    expect(fieldOf(many(2, value))).toEqual({ type: 'string' });
    expect(fieldOf([...many(5, value), { v: 'not it' }])).toEqual({ type: 'string' });
  });

  it('is conservative: no uri for a relative path or a bare scheme, no date-time with a space, no time without a zone', () => {
    expect(fieldOf(many(5, (i) => `/v1/charges/${i}`))).toEqual({ type: 'string' });
    expect(fieldOf(many(5, (i) => `note:${i}`))).toEqual({ type: 'string' });
    expect(fieldOf(many(5, (i) => `2024-01-0${i + 1} 10:00:00Z`))).toEqual({ type: 'string' });
    expect(fieldOf(many(5, (i) => `10:0${i}:00`))).toEqual({ type: 'string' });
    expect(fieldOf(many(5, (i) => `2024-02-3${i}`))).toEqual({ type: 'string' });
  });

  it('keeps the format of the strings when the field is sometimes null or a number', () => {
    expect(fieldOf([...many(3, (i) => `2024-01-0${i + 1}`), { v: null }])).toEqual({ type: ['null', 'string'], format: 'date' });
  });

  it('in observation flavour asserts a format from a single value', () => {
    expect(fieldOf([{ v: 'a@example.com' }], { flavour: 'observation' })).toEqual({ type: 'string', format: 'email', enum: ['a@example.com'] });
  });
});

describe('enums (the evidence rule)', () => {
  const statuses = ['succeeded', 'pending', 'failed'];
  it('learns an enum from few distinct tokens over many samples, each seen more than once', () => {
    expect(fieldOf(many(30, (i) => statuses[i % 3]!, 'status'), {}, 'status')).toEqual({ type: 'string', enum: ['failed', 'pending', 'succeeded'] });
  });

  it('includes null in the enum when the field is nullable', () => {
    expect(fieldOf([...many(30, (i) => statuses[i % 3]!, 'status'), { status: null }], {}, 'status')).toEqual({
      type: ['null', 'string'],
      enum: ['failed', 'pending', 'succeeded', null],
    });
  });

  it('does not learn one from too few samples, a single constant, a value seen once, or too many values for the samples', () => {
    expect(fieldOf(many(19, (i) => statuses[i % 3]!, 'status'), {}, 'status')).toEqual({ type: 'string' });
    expect(fieldOf(many(50, () => 'charge', 'object'), {}, 'object')).toEqual({ type: 'string' });
    expect(fieldOf([...many(40, (i) => statuses[i % 3]!, 'status'), { status: 'refunded' }], {}, 'status')).toEqual({ type: 'string' });
    expect(fieldOf(many(20, (i) => `s${i % 5}`, 'status'), {}, 'status')).toEqual({ type: 'string' });
    expect(fieldOf(many(100, (i) => `s${i % 10}`, 'status'), {}, 'status')).toEqual({ type: 'string', enum: ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9'] });
    expect(fieldOf(many(200, (i) => `s${i % 11}`, 'status'), {}, 'status')).toEqual({ type: 'string' });
  });

  it('never turns identifiers, free text, or fields named like open sets into enums', () => {
    const ids = ['ch_3KQ2Jx2eZvKYlo2C0', 'ch_1PgafmB7WZ01zgkW'];
    expect(fieldOf(many(40, (i) => ids[i % 2]!, 'charge'), {}, 'charge')).toEqual({ type: 'string' });
    expect(fieldOf(many(40, (i) => ['Thanks for your order', 'See you soon'][i % 2]!, 'memo'), {}, 'memo')).toEqual({ type: 'string' });
    expect(fieldOf(many(40, (i) => ['usd', 'eur'][i % 2]!, 'currency'), {}, 'currency')).toEqual({ type: 'string' });
    expect(fieldOf(many(40, (i) => ['usd', 'eur'][i % 2]!, 'default_currency'), {}, 'default_currency')).toEqual({ type: 'string' });
    expect(fieldOf(many(40, (i) => ['Berlin', 'Paris'][i % 2]!, 'city'), {}, 'city')).toEqual({ type: 'string' });
    expect(fieldOf(many(40, (i) => ['alpha', 'beta'][i % 2]!, 'customerId'), {}, 'customerId')).toEqual({ type: 'string' });
  });

  it('in observation flavour lists every distinct value up to 100, and none beyond', () => {
    expect(fieldOf([{ v: 'b' }, { v: 'a' }, { v: 'b' }, { v: null }], { flavour: 'observation' })).toEqual({ type: ['null', 'string'], enum: ['a', 'b', null] });
    expect(fieldOf(many(100, (i) => `free text ${i}`), { flavour: 'observation' })!.enum).toHaveLength(100);
    expect(fieldOf(many(101, (i) => `free text ${i}`), { flavour: 'observation' })).toEqual({ type: 'string' });
    expect(fieldOf([{ v: 'a' }, { v: 1 }], { flavour: 'observation' })).toEqual({ type: ['integer', 'string'] });
  });
});

describe('maps (objects whose keys are data)', () => {
  it('turns keys that are IDs, dates, currency codes, countries, numbers or UUIDs into additionalProperties', () => {
    const byKeys = (keys: string[]) => inferSchema([Object.fromEntries(keys.map((k, i) => [k, { amount: i, at: 'x' }]))]);
    const value = { type: 'object', properties: { amount: { type: 'integer' }, at: { type: 'string' } }, required: ['amount', 'at'] };
    for (const keys of [
      ['cus_NffrFeUfNV2Hib', 'cus_4QFJOjw2pOmAGJ'],
      ['2024-01-01', '2024-01-02', '2024-01-03'],
      ['usd', 'eur', 'gbp'],
      ['US', 'DE'],
      ['1', '2', '17'],
      ['123e4567-e89b-12d3-a456-426614174000'],
    ]) {
      expect(byKeys(keys), keys.join(',')).toEqual({ $schema: DRAFT, type: 'object', additionalProperties: value });
    }
  });

  it('keeps records whose keys are names, even short ones that look like codes', () => {
    expect(inferSchema([{ id: 'x', to: 'y' }]).properties).toBeDefined();
    expect(inferSchema([{ all: true }]).properties).toEqual({ all: { type: 'boolean' } });
    expect(inferSchema([{ address1: 'a', address2: 'b' }]).properties).toBeDefined();
  });

  it('turns many distinct keys of one value shape that come and go (metadata) into a map', () => {
    const samples = Array.from({ length: 30 }, (_, i) => ({ metadata: { [`key_${i}`]: `v${i}`, [`note_${i % 7}`]: 'x' } }));
    expect(inferSchema(samples).properties!.metadata).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
  });

  it('keeps a wide record of mixed value shapes a record', () => {
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field_${i}`, i % 2 === 0 ? i : `s${i}`]));
    expect(Object.keys(inferSchema([wide]).properties!)).toHaveLength(40);
  });

  it('turns more than 2000 distinct keys into a map whatever they look like, and keeps memory bounded while learning', () => {
    const state = learn(Array.from({ length: 30 }, (_, s) => ({ counts: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`word${s}x${i}`, i])) })));
    expect(stateToJson(state).root.object!.properties![0]![1].object!.properties).toBeUndefined();
    expect(stateSchema(state).properties!.counts).toEqual({ type: 'object', additionalProperties: { type: 'integer' } });
  });

  it('follows the maps of a baseline it is given (mapsLike), so one sample of a map is not a record', () => {
    const baseline = { type: 'object', properties: { metadata: { type: 'object', additionalProperties: { type: 'string' } } } } as const;
    const observed = inferSchema([{ metadata: { order: '1' } }], { flavour: 'observation', mapsLike: baseline });
    expect(observed.properties!.metadata).toEqual({ type: 'object', additionalProperties: { type: 'string', enum: ['1'] } });
  });
});

describe('guards', () => {
  it('refuses documents nested deeper than the limit instead of overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => inferSchema([deep])).toThrow('document nests deeper than 256 levels');
    const text = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expect(() => inferSchema([parseSample(text)])).toThrow('document nests deeper than 256 levels');
  });

  it('refuses a 100 MB body before parsing it, with a message that says what to do', () => {
    const body = Buffer.alloc(100 * 1024 * 1024, 0x20);
    expect(() => parseSample(body, { source: 'response.json' })).toThrow(
      'response.json is 100.0 MiB, more than the 64.0 MiB one sample may have (raise it with --max-bytes)',
    );
  });
});

describe('incremental learning', () => {
  const a = [{ id: 'a', n: 1, status: 'open' }];
  const b = [{ id: 'b', n: 2.5, extra: true }];
  const c = [{ id: 'c', n: null, list: [1, 2] }];

  it('extends a state with later samples exactly as if it had learned them all at once', () => {
    const state = learn(a);
    extendState(state, b);
    extendState(state, c);
    expect(stateToJson(state)).toEqual(stateToJson(learn([...a, ...b, ...c])));
  });

  it('merges states regardless of order and grouping', () => {
    const all = stateToJson(learn([...a, ...b, ...c]));
    expect(stateToJson(mergeStates(mergeStates(learn(a), learn(b)), learn(c)))).toEqual(all);
    expect(stateToJson(mergeStates(learn(c), mergeStates(learn(b), learn(a))))).toEqual(all);
  });

  it('round-trips through JSON and keeps learning after it', () => {
    const restored = stateFromJson(JSON.parse(JSON.stringify(stateToJson(learn(a)))));
    extendState(restored, [...b, ...c]);
    expect(stateSchema(restored)).toEqual(inferSchema([...a, ...b, ...c]));
  });

  it('leaves a state as it was when a sample is refused', () => {
    const state = learn(a);
    const before = JSON.stringify(stateToJson(state));
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = [deep];
    expect(() => extendState(state, [{ id: 'x', deep }])).toThrow('nests deeper');
    expect(JSON.stringify(stateToJson(state))).toBe(before);
  });

  it('refuses a state it cannot read, and states of different flavours', () => {
    expect(() => stateFromJson({ version: 99 })).toThrow('learning state: version 99 is not 1');
    expect(() => stateFromJson({ ...stateToJson(learn(a)), root: { count: -1 } })).toThrow('root.count is not a count');
    expect(() => mergeStates(emptyState('baseline'), emptyState('observation'))).toThrow('cannot merge');
  });
});

describe('adopting an observation as the new baseline', () => {
  it('takes the observed shape where it contradicts and keeps the variance the baseline learned', () => {
    const baseline = inferSchema([{ id: 'a', amount: 1, memo: null, email: 'x' }, { id: 'b', amount: 2, memo: 'hi', email: 'y', coupon: 'c' }]);
    const observed = inferSchema([{ id: 3, amount: 4, memo: 'there' }], { flavour: 'observation' });
    expect(adoptObservation(baseline, observed)).toEqual({
      $schema: DRAFT,
      type: 'object',
      properties: {
        amount: { type: 'integer' },
        coupon: { type: 'string' },
        email: { type: 'string' },
        id: { type: 'integer' },
        memo: { type: ['null', 'string'] },
      },
      required: ['amount', 'id', 'memo'],
    });
  });

  it('keeps an enum only where the baseline had one, widened by the observed values; never stores other observed values', () => {
    const baseline = inferSchema(many(30, (i) => ['open', 'paid'][i % 2]!, 'status'));
    const observed = inferSchema([{ status: 'void', note: 'call me at home' }], { flavour: 'observation' });
    expect(adoptObservation(baseline, observed).properties).toEqual({
      note: { type: 'string' },
      status: { type: 'string', enum: ['open', 'paid', 'void'] },
    });
    const tooMany = inferSchema(many(101, (i) => `s${i}`, 'status'), { flavour: 'observation' });
    expect(adoptObservation(baseline, tooMany).properties!.status).toEqual({ type: 'string' });
    const onlyNull = inferSchema([{ status: null }], { flavour: 'observation' });
    expect(adoptObservation(baseline, onlyNull).properties!.status).toEqual({ type: ['null', 'string'], enum: ['open', 'paid', null] });
  });

  it('keeps a format only while the observed strings still match it, and never adds one', () => {
    const baseline = inferSchema(many(5, (i) => `2024-01-0${i + 1}`, 'day'));
    const still = inferSchema([{ day: '2025-03-04' }], { flavour: 'observation' });
    const broken = inferSchema([{ day: 'tomorrow' }], { flavour: 'observation' });
    const absent = inferSchema([{ day: null }], { flavour: 'observation' });
    expect(adoptObservation(baseline, still).properties!.day).toEqual({ type: 'string', format: 'date' });
    expect(adoptObservation(baseline, broken).properties!.day).toEqual({ type: 'string' });
    expect(adoptObservation(baseline, absent).properties!.day).toEqual({ type: ['null', 'string'], format: 'date' });
    const plain = inferSchema([{ email: 'x' }]);
    expect(adoptObservation(plain, inferSchema([{ email: 'a@example.com' }], { flavour: 'observation' })).properties!.email).toEqual({ type: 'string' });
  });

  it('keeps a map a map, folding the observed keys into its values', () => {
    const baseline = inferSchema(Array.from({ length: 30 }, (_, i) => ({ metadata: { [`k${i}x`]: `value ${i}`, [`n${i % 7}y`]: 'w x' } })));
    expect(baseline.properties!.metadata).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    const observed = inferSchema([{ metadata: { order: 7 } }], { flavour: 'observation' });
    expect(adoptObservation(baseline, observed).properties!.metadata).toEqual({ type: 'object', additionalProperties: { type: 'integer' } });
    const sameType = inferSchema([{ metadata: { order: 'x' } }], { flavour: 'observation' });
    expect(adoptObservation(baseline, sameType).properties!.metadata).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
  });

  it('changes nothing when adopting its own result again', () => {
    const baseline = inferSchema(many(30, (i) => ['open', 'paid'][i % 2]!, 'status'));
    const observed = inferSchema([{ status: 'void', day: '2024-01-01', extra: { z: 'q' } }], { flavour: 'observation' });
    const once = adoptObservation(baseline, observed);
    expect(adoptObservation(baseline, once)).toEqual(once);
  });
});
