import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/diff/diff.js';
import { allRules } from '../../src/diff/registry.js';
import type { Change, Direction } from '../../src/diff/types.js';
import { corpusMissing, listCorpus, readCorpusJson } from './corpus.js';

interface Spec {
  components: { schemas: Record<string, unknown> };
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Every component of `after` that `before` has too, diffed against itself through the two documents. */
function diffComponents(before: Spec, after: Spec, direction: Direction = 'response'): Map<string, Change[]> {
  const out = new Map<string, Change[]>();
  for (const name of Object.keys(after.components.schemas).sort()) {
    if (!(name in before.components.schemas)) continue;
    const changes = diffSchemas(ref(name), ref(name), { beforeRoot: before, afterRoot: after, direction });
    if (changes.length > 0) out.set(name, changes);
  }
  return out;
}

/** The distinct kinds of change: rule id and the last token of the path. */
function kinds(changes: Iterable<Change[]>): string[] {
  return [...new Set([...changes].flat().map((c) => `${c.id} ${c.path.split('/').at(-1)}`))].sort();
}

describe.skipIf(corpusMissing !== undefined)('Stripe component schemas (real day-to-day changes of the spec)', () => {
  const pairs = corpusMissing ? [] : listCorpus('stripe-openapi-pairs');

  it('finds in each adjacent pair exactly the changes checked by hand against the JSON', () => {
    const found: Record<string, string[]> = {};
    for (const pair of pairs) {
      const before = readCorpusJson('stripe-openapi-pairs', pair, 'before.json.gz') as Spec;
      const after = readCorpusJson('stripe-openapi-pairs', pair, 'after.json.gz') as Spec;
      found[pair] = kinds(diffComponents(before, after).values());
    }
    // 2020-02-24: issuing_dispute_evidence gained `duplicate` and `product_not_received` (issuing.dispute
    // only changed a description). 2020-03-23: subscription gained `pause_collection` (card, payment
    // method and cardholder address only changed descriptions, one to "[DEPRECATED] …", which is
    // documentation, not a schema change). 2020-09-10: no component changed. 2021-09-14: person gained
    // `full_name_aliases`. Each shows up wherever the changed component is reachable.
    expect(found).toEqual({
      '2020-02-24_fd4c483d__2020-02-24_40a20cdf': ['response-property-added duplicate', 'response-property-added product_not_received'],
      '2020-03-23_83c6c622__2020-03-24_25d7dbc1': ['response-property-added pause_collection'],
      '2020-09-10_cca16626__2020-09-11_92265b47': [],
      '2021-09-14_95a1ab81__2021-09-16_151a466b': ['response-property-added full_name_aliases'],
    });
  });

  it('reports a changed component\'s own changes at its own paths', () => {
    const before = readCorpusJson('stripe-openapi-pairs', '2021-09-14_95a1ab81__2021-09-16_151a466b', 'before.json.gz') as Spec;
    const after = readCorpusJson('stripe-openapi-pairs', '2021-09-14_95a1ab81__2021-09-16_151a466b', 'after.json.gz') as Spec;
    const aliases = { description: 'A list of alternate names or aliases that the person is known by.', items: { maxLength: 5000, type: 'string' }, type: 'array' };
    expect(diffSchemas(ref('person'), ref('person'), { beforeRoot: before, afterRoot: after })).toEqual([
      { id: 'response-property-added', level: 'info', path: '/properties/full_name_aliases', message: 'new property `full_name_aliases` appears at /', before: undefined, after: aliases },
    ]);
    expect(diffSchemas(ref('person'), ref('person'), { beforeRoot: before, afterRoot: after, direction: 'request' })).toEqual([
      {
        id: 'request-optional-property-added',
        level: 'info',
        path: '/properties/full_name_aliases',
        message: 'new optional property `full_name_aliases` accepted at /',
        before: undefined,
        after: aliases,
      },
    ]);
  });

  it('finds nothing between two copies of the same spec', () => {
    const file = '2022-04-12_e0123a38.json.gz';
    expect(diffComponents(readCorpusJson('stripe-openapi', file) as Spec, readCorpusJson('stripe-openapi', file) as Spec)).toEqual(new Map());
  });

  it('reads three months of changes to `charge` the way they were made (checked by hand)', () => {
    const before = readCorpusJson('stripe-openapi', '2022-01-12_31569c93.json.gz') as Spec;
    const after = readCorpusJson('stripe-openapi', '2022-04-12_e0123a38.json.gz') as Spec;
    const changes = diffSchemas(ref('charge'), ref('charge'), { beforeRoot: before, afterRoot: after });
    const shallow = changes.filter((c) => c.path.split('/').length <= 5).map((c) => `${c.level} ${c.id} ${c.path}`);
    // status: `{maxLength: 5000, type: string}` became an enum of three values (the maxLength that went
    // away is moot: no longer string can arrive); failure_balance_transaction is new; the
    // payment_method_details component gained three payment methods.
    expect(shallow).toEqual([
      'info response-property-added /properties/failure_balance_transaction',
      'info response-property-added /properties/payment_method_details/properties/konbini',
      'info response-property-added /properties/payment_method_details/properties/paynow',
      'info response-property-added /properties/payment_method_details/properties/us_bank_account',
      'info response-enum-constraint-added /properties/status',
    ]);
    // Deeper: the components charge reaches (customer, invoice, …) changed too; every change is a known rule.
    const ids = new Set(allRules().map((r) => r.id));
    expect(changes.filter((c) => !ids.has(c.id))).toEqual([]);
    expect(diffSchemas(ref('charge'), ref('charge'), { beforeRoot: before, afterRoot: after })).toEqual(changes);
  });

  it('diffs every response of two spec versions years apart without failing, each change a known rule', () => {
    const before = readCorpusJson('stripe-openapi', '2019-02-11_862a9174.json.gz') as Spec;
    const after = readCorpusJson('stripe-openapi', '2022-04-12_e0123a38.json.gz') as Spec;
    const ids = new Set(allRules().map((r) => r.id));
    let responses = 0;
    const unknown: string[] = [];
    for (const [path, item] of Object.entries(after.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const b = before.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
          const a = response.content?.['application/json']?.schema;
          if (!b || !a) continue;
          responses++;
          for (const change of diffSchemas(b as never, a as never, { beforeRoot: before, afterRoot: after, operation: `${method.toUpperCase()} ${path}` })) {
            if (!ids.has(change.id) || /\{[a-z]+\}/i.test(change.message)) unknown.push(`${change.id}: ${change.message}`);
          }
        }
      }
    }
    expect(responses).toBeGreaterThan(300);
    expect(unknown).toEqual([]);
  });
});
