import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/diff/diff.js';
import { inferSchema } from '../../src/schema/infer.js';
import type { JsonValue } from '../../src/schema/types.js';
import { run, type Scenario } from './scenarios/scenario.js';

const observe = (baseline: JsonValue[], sample: JsonValue[]) => diffSchemas(inferSchema(baseline), inferSchema(sample), { mode: 'observation' });

describe('observation mode: absence and narrowing are sample variance', () => {
  it('reports nothing for any subset of the samples a baseline was learned from', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 5 }), (samples, drop) => {
        const values = samples as JsonValue[];
        const subset = values.filter((_, i) => i !== drop % values.length);
        expect(observe(values, subset.length > 0 ? subset : values)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('reports something for a sample with a value type the baseline never saw at that place', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), amount: fc.integer() }), { minLength: 1, maxLength: 5 }), (records) => {
        const changes = observe(records, [{ id: 42, amount: 1 }]);
        expect(changes.map((c) => `${c.id} ${c.path}`)).toEqual(['response-type-changed /properties/id']);
      }),
      { numRuns: 50 },
    );
  });

  const quietInObservation: Scenario[] = [
    {
      name: 'multipleOf, discriminator, readOnly/writeOnly and allOf parts an observation does not state',
      before: {
        allOf: [{ type: 'object', properties: { amount: { type: 'number', multipleOf: 0.01 }, secret: { type: 'string', writeOnly: true } } }, { required: ['amount'] }],
        discriminator: { propertyName: 'kind' },
      },
      after: { type: 'object', properties: { amount: { type: 'number' }, secret: { type: 'string' } }, required: ['amount', 'secret'] },
      mode: 'observation',
      expect: [],
      quiet: ['response-multiple-of-relaxed', 'response-discriminator-removed', 'response-became-not-write-only', 'response-all-of-branch-removed'],
    },
  ];
  for (const scenario of quietInObservation) {
    it(scenario.name, () => {
      expect(run(scenario)).toEqual(scenario.expect);
    });
  }
});
