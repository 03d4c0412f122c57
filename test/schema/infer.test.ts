import { describe, expect, it } from 'vitest';
import { adoptObservation } from '../../src/schema/adopt.js';
import { canonicalJson, schemaHash } from '../../src/schema/canonical.js';
import { inferSchema } from '../../src/schema/infer.js';

describe('inference v1', () => {
  it('infers types, nested objects, arrays, null, and required = present in every sample', () => {
    expect(
      inferSchema([
        { id: 'a', n: 1, tags: ['x'], owner: { name: 'x' }, note: null },
        { id: 'b', n: 2.5, tags: [], owner: { name: 'y', age: 3 } },
      ]),
    ).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
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

  it('learns from every element of a list response', () => {
    const schema = inferSchema([[{ id: 1, email: 'a' }, { id: 2 }]]);
    expect(schema.items).toEqual({ type: 'object', properties: { email: { type: 'string' }, id: { type: 'integer' } }, required: ['id'] });
  });

  it('gives the same canonical bytes and hash whatever the key order of the samples', () => {
    const a = inferSchema([{ b: 1, a: { y: 'x', x: true } }]);
    const b = inferSchema([{ a: { x: false, y: 'z' }, b: 2 }]);
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(schemaHash(a)).toBe(schemaHash(b));
  });

  it('refuses documents nested deeper than the limit instead of overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => inferSchema([deep as never])).toThrow('document nests deeper than 256 levels');
  });
});

describe('adopting an observation as the new baseline', () => {
  it('takes the observed shape where it contradicts and keeps the variance the baseline learned', () => {
    const baseline = inferSchema([{ id: 'a', amount: 1, memo: null, email: 'x' }, { id: 'b', amount: 2, memo: 'hi', email: 'y', coupon: 'c' }]);
    const observed = inferSchema([{ id: 3, amount: 4, memo: 'there' }]);
    expect(adoptObservation(baseline, observed)).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
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
});
