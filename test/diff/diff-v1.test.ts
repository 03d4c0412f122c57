import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/diff/diff.js';
import { filterChanges } from '../../src/diff/filter.js';
import { allRules } from '../../src/diff/registry.js';
import { inferSchema } from '../../src/schema/infer.js';

const baseline = inferSchema([{ id: 'ch_1', amount: 100, customer: { email: 'a@example.com' }, memo: null }, { id: 'ch_2', amount: 200, customer: { email: 'b@example.com' }, memo: 'x', coupon: 'c' }]);
const observe = (sample: unknown) => diffSchemas(baseline, inferSchema([sample as never]), { mode: 'observation' });

describe('diff v1 on observations (sample variance is not drift)', () => {
  it('reports nothing for a sample that lacks an optional field and has null where null is allowed', () => {
    expect(observe({ id: 'ch_3', amount: 5, customer: { email: 'c@example.com' }, memo: null })).toEqual([]);
  });

  it('reports a required field that is absent as removed', () => {
    expect(observe({ id: 'ch_3', amount: 5, customer: {}, memo: null })).toEqual([
      {
        id: 'response-property-removed',
        level: 'breaking',
        path: '/properties/customer/properties/email',
        message: 'property `email` was removed from /properties/customer',
        before: { type: 'string' },
        after: undefined,
      },
    ]);
  });

  it('reports a type never seen, null where it never was, and a new field', () => {
    expect(observe({ id: 7, amount: null, customer: { email: 'x' }, memo: 'y', refunded: false }).map((c) => [c.id, c.level, c.path, c.before, c.after])).toEqual([
      ['response-became-nullable', 'breaking', '/properties/amount', false, true],
      ['response-type-changed', 'breaking', '/properties/id', ['string'], ['integer']],
      ['response-property-added', 'info', '/properties/refunded', undefined, { type: 'boolean' }],
    ]);
  });

  it('calls an integer field that carries a fraction widened', () => {
    expect(observe({ id: 'a', amount: 1.5, customer: { email: 'x' }, memo: null }).map((c) => c.id)).toEqual(['response-type-widened']);
  });
});

describe('diff v1 on schemas: direction decides the level', () => {
  const before = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'] } as const;
  const after = { type: 'object', properties: { a: { type: ['string', 'null'] }, b: { type: 'string' }, c: { type: 'string' } }, required: ['a', 'b', 'c'] } as const;

  it('judges the same change opposite ways for responses and requests', () => {
    const levels = (direction: 'response' | 'request') =>
      diffSchemas(structuredClone(before) as never, structuredClone(after) as never, { direction }).map((c) => `${c.id}:${c.level}`);
    expect(levels('response')).toEqual(['response-became-nullable:breaking', 'response-property-became-required:info', 'response-property-added:info']);
    expect(levels('request')).toEqual(['request-property-became-required:breaking', 'request-required-property-added:breaking', 'request-became-nullable:info']);
  });

  it('filters by ignore pointers (with * tokens) and minimum level', () => {
    const changes = diffSchemas(before as never, after as never);
    expect(filterChanges(changes, { ignore: ['/properties/a'] }).map((c) => c.path)).toEqual(['/properties/b', '/properties/c']);
    expect(filterChanges(changes, { ignore: ['/properties/*'] })).toEqual([]);
    expect(filterChanges(changes, { minLevel: 'breaking' }).map((c) => c.id)).toEqual(['response-became-nullable']);
  });

  it('has a unique kebab-case id, a doc line and a message for every rule', () => {
    for (const rule of allRules()) {
      expect(rule.id).toMatch(/^(response|request)-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.doc.length).toBeGreaterThan(10);
      expect(rule.message.length).toBeGreaterThan(5);
    }
  });
});
