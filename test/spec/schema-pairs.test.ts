import { describe, expect, it } from 'vitest';
import { SchemaPairDiffer, pairBranches } from '../../src/diff/openapi/schema-pairs.js';
import { diffSpecs } from '../../src/diff/openapi/diff-specs.js';
import { specFromValue } from '../../src/spec/load.js';
import { baseSpec, specChanges, summary } from './fixtures.js';

const json = (schema: unknown) => ({ 'application/json': { schema } });

/** A document where `Customer` and `Charge` refer to each other, and many operations reach both. */
function cyclicSpec(operations: number): Record<string, any> {
  const doc = baseSpec();
  doc.components.schemas.Customer = { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, last_charge: { $ref: '#/components/schemas/Charge' } }, required: ['id', 'email'] };
  doc.components.schemas.Charge.properties.customer = { anyOf: [{ type: 'string' }, { $ref: '#/components/schemas/Customer' }] };
  for (let i = 0; i < operations; i++) {
    doc.paths[`/things${i}`] = { get: { responses: { '200': { description: 'ok', content: json({ $ref: '#/components/schemas/Customer' }) } } } };
  }
  return doc;
}

describe('schema diffs inside a spec follow $ref', () => {
  it('reports a change in a component under every operation that reaches it, once each, at the fewest-hops path, through cycles', () => {
    const before = cyclicSpec(3);
    const after = cyclicSpec(3);
    delete after.components.schemas.Customer.properties.email;
    after.components.schemas.Customer.required = ['id'];
    const changes = specChanges(before, after).filter((c) => c.id === 'response-property-removed');
    expect(summary(changes)).toEqual([
      ['response-property-removed', 'breaking', 'GET /charges', '/responses/200/content/application~1json/schema/properties/data/items/properties/customer/anyOf/1/properties/email'],
      ['response-property-removed', 'breaking', 'GET /charges/{id}', '/responses/200/content/application~1json/schema/properties/customer/anyOf/1/properties/email'],
      ['response-property-removed', 'breaking', 'GET /things0', '/responses/200/content/application~1json/schema/properties/email'],
      ['response-property-removed', 'breaking', 'GET /things1', '/responses/200/content/application~1json/schema/properties/email'],
      ['response-property-removed', 'breaking', 'GET /things2', '/responses/200/content/application~1json/schema/properties/email'],
      ['response-property-removed', 'breaking', 'POST /charges', '/responses/201/content/application~1json/schema/properties/customer/anyOf/1/properties/email'],
    ]);
    expect(changes[0]!.message).toBe('property `email` was removed from /responses/200/content/application~1json/schema/properties/data/items/properties/customer/anyOf/1');
    expect(changes[2]!.message).toBe('property `email` was removed from /responses/200/content/application~1json/schema');
  });

  it('compares each changed component pair once per direction, however many operations reach it', () => {
    const before = specFromValue(cyclicSpec(200), 'before.json');
    const afterDoc = cyclicSpec(200);
    afterDoc.components.schemas.Customer.properties.email = { type: ['string', 'null'] };
    const after = specFromValue(afterDoc, 'after.json');
    const differ = new SchemaPairDiffer(before.root, after.root);
    for (const op of Object.values(before.operations)) {
      const schema = op.responses['200']?.content['application/json']?.schema ?? op.responses['201']?.content['application/json']?.schema;
      if (schema) differ.diff(schema, schema, { direction: 'response', operation: op.key, basePath: '' });
    }
    // Charge and Customer are both changed pairs (Customer changed, Charge reaches it); nothing else is compared by the rules.
    expect(differ.comparisons).toBe(1);
    expect(diffSpecs(before, after).filter((c) => c.id === 'response-became-nullable')).toHaveLength(203);
  });

  it('compares an inline schema with the component it was extracted into', () => {
    const before = baseSpec();
    before.paths['/charges/{id}'].get.responses['200'].content['application/json'].schema = { type: 'object', properties: { id: { type: 'string' }, amount: { type: 'integer' }, note: { type: 'string' } }, required: ['id', 'amount'] };
    expect(summary(specChanges(before, baseSpec()))).toEqual([
      ['response-property-removed', 'breaking', 'GET /charges/{id}', '/responses/200/content/application~1json/schema/properties/note'],
    ]);
  });

  it('compares a component renamed in the reference with what it was', () => {
    const after = baseSpec();
    after.components.schemas.Payment = { ...after.components.schemas.Charge, required: ['id'] };
    after.paths['/charges/{id}'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Payment' };
    expect(summary(specChanges(baseSpec(), after))).toEqual([
      ['response-property-became-optional', 'breaking', 'GET /charges/{id}', '/responses/200/content/application~1json/schema/properties/amount'],
    ]);
  });

  it('judges a component used in a request and in a response from each side', () => {
    const before = baseSpec();
    before.paths['/charges'].post.requestBody.content['application/json'].schema = { $ref: '#/components/schemas/Charge' };
    const after = structuredClone(before);
    after.components.schemas.Charge.properties.currency = { type: 'string' };
    after.components.schemas.Charge.required.push('currency');
    const rows = summary(specChanges(before, after)).filter((r) => r[2] === 'POST /charges');
    expect(rows).toEqual([
      ['request-required-property-added', 'breaking', 'POST /charges', '/requestBody/content/application~1json/schema/properties/currency'],
      ['response-property-added', 'info', 'POST /charges', '/responses/201/content/application~1json/schema/properties/currency'],
    ]);
  });

  it('follows a chain of thousands of references without exhausting the stack', () => {
    const chain = (last: Record<string, unknown>) => {
      const doc = baseSpec();
      for (let i = 0; i < 3000; i++) doc.components.schemas[`Link${i}`] = { type: 'object', properties: { next: { $ref: `#/components/schemas/Link${i + 1}` } } };
      doc.components.schemas.Link3000 = last;
      doc.paths['/charges/{id}'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Link0' };
      return doc;
    };
    const changes = specChanges(chain({ type: 'string' }), chain({ type: 'integer' }));
    expect(changes.map((c) => [c.id, c.operation, c.path.length])).toEqual([['response-type-changed', 'GET /charges/{id}', '/responses/200/content/application~1json/schema'.length + 3000 * '/properties/next'.length]]);
  });

  it('pairs anyOf branches by $ref first, then the inline rest in order', () => {
    expect(pairBranches([{ type: 'string' }, { $ref: '#/a' }, { $ref: '#/b' }], [{ $ref: '#/b' }, { type: 'integer' }, { $ref: '#/a' }])).toEqual([
      [0, 1],
      [1, 2],
      [2, 0],
    ]);
  });

  it('never changes the documents it compares', () => {
    const before = cyclicSpec(2);
    before.paths['/charges/{id}'].get.responses['200'].content['application/json'].schema = { type: 'object', properties: { customer: { $ref: '#/components/schemas/Customer' } } };
    const after = cyclicSpec(2);
    after.paths['/charges/{id}'].get.responses['200'].content['application/json'].schema = { type: 'object', properties: { customer: { type: 'object', properties: { id: { type: 'integer' } } } } };
    const snapshot = JSON.stringify([before, after]);
    expect(specChanges(before, after).length).toBeGreaterThan(0);
    expect(JSON.stringify([before, after])).toBe(snapshot);
  });
});
