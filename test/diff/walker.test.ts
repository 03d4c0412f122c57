import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/diff/diff.js';
import { filterChanges } from '../../src/diff/filter.js';
import type { Change } from '../../src/diff/types.js';

const str = { type: 'string' };
const brief = (changes: Change[]) => changes.map((c) => `${c.id} ${c.path}`);

describe('the walker follows $ref', () => {
  it('resolves references against the documents themselves by default', () => {
    const before = { $defs: { customer: { type: 'object', properties: { email: str } } }, type: 'object', properties: { customer: { $ref: '#/$defs/customer' } } };
    const after = { $defs: { customer: { type: 'object', properties: {} } }, type: 'object', properties: { customer: { $ref: '#/$defs/customer' } } };
    expect(diffSchemas(before as never, after as never)).toEqual([
      {
        id: 'response-property-removed',
        level: 'breaking',
        path: '/properties/customer/properties/email',
        message: 'property `email` was removed from /properties/customer',
        before: str,
        after: undefined,
      },
    ]);
  });

  it('resolves against root documents given apart (an operation\'s schema inside a spec), with operation and base path', () => {
    const spec = (email: unknown) => ({ components: { schemas: { charge: { type: 'object', properties: { receipt_email: email } } } } });
    const beforeRoot = spec({ type: 'string' });
    const afterRoot = spec({ type: ['string', 'null'] });
    const changes = diffSchemas({ $ref: '#/components/schemas/charge' }, { $ref: '#/components/schemas/charge' }, {
      beforeRoot,
      afterRoot,
      operation: 'GET /v1/charges/{charge}',
      basePath: '/responses/200',
    });
    expect(changes).toEqual([
      {
        id: 'response-became-nullable',
        level: 'breaking',
        path: '/responses/200/properties/receipt_email',
        operation: 'GET /v1/charges/{charge}',
        message: 'value at /responses/200/properties/receipt_email can now be null',
        before: false,
        after: true,
      },
    ]);
  });

  it('ends reference cycles where a pair repeats, and reports a change inside a cycle once', () => {
    const tree = (label: unknown) => ({
      $defs: { node: { type: 'object', properties: { label, children: { type: 'array', items: { $ref: '#/$defs/node' } }, parent: { $ref: '#/$defs/node' } } } },
      $ref: '#/$defs/node',
    });
    const changes = diffSchemas(tree(str) as never, tree({ type: 'integer' }) as never);
    expect(brief(changes)).toEqual(['response-type-changed /properties/label']);
  });

  it('reports a component referenced from several places once, under the shortest path', () => {
    const doc = (email: unknown) => ({
      $defs: { customer: { type: 'object', properties: { email } } },
      type: 'object',
      properties: {
        invoice: { type: 'object', properties: { customer: { $ref: '#/$defs/customer' } } },
        customer: { $ref: '#/$defs/customer' },
        owner: { $ref: '#/$defs/customer' },
      },
    });
    const changes = diffSchemas(doc(str) as never, doc({ type: 'integer' }) as never);
    expect(brief(changes)).toEqual(['response-type-changed /properties/customer/properties/email']);
  });

  it('reports under the first of equally short paths in document order, the same on every run', () => {
    const doc = (email: unknown, order: string[]) => ({
      $defs: { customer: { type: 'object', properties: { email } } },
      type: 'object',
      properties: Object.fromEntries(order.map((name) => [name, { $ref: '#/$defs/customer' }])),
    });
    const one = diffSchemas(doc(str, ['a', 'b']) as never, doc({ type: 'integer' }, ['a', 'b']) as never);
    const again = diffSchemas(doc(str, ['a', 'b']) as never, doc({ type: 'integer' }, ['a', 'b']) as never);
    expect(again).toEqual(one);
    expect(brief(one)).toEqual(['response-type-changed /properties/a/properties/email']);
    expect(brief(diffSchemas(doc(str, ['b', 'a']) as never, doc({ type: 'integer' }, ['b', 'a']) as never))).toEqual(['response-type-changed /properties/b/properties/email']);
  });

  it('keeps the work for a pair of root documents, and reports each call under its own paths', () => {
    const spec = (email: unknown) => ({
      components: { schemas: { customer: { type: 'object', properties: { email } }, charge: { type: 'object', properties: { customer: { $ref: '#/components/schemas/customer' } } } } },
    });
    const beforeRoot = spec(str);
    const afterRoot = spec({ type: 'integer' });
    const options = { beforeRoot, afterRoot };
    const charge = { $ref: '#/components/schemas/charge' };
    const customer = { $ref: '#/components/schemas/customer' };
    expect(brief(diffSchemas(charge, charge, { ...options, operation: 'GET /v1/charges' }))).toEqual(['response-type-changed /properties/customer/properties/email']);
    expect(brief(diffSchemas(customer, customer, { ...options, operation: 'GET /v1/customers' }))).toEqual(['response-type-changed /properties/email']);
    expect(brief(diffSchemas(charge, charge, { ...options, direction: 'request' }))).toEqual(['request-type-changed /properties/customer/properties/email']);
    expect(diffSchemas(charge, charge, { beforeRoot, afterRoot: beforeRoot })).toEqual([]);
  });

  it('compares a dangling or external reference by its text only', () => {
    const external = { type: 'object', properties: { a: { $ref: 'https://example.com/schemas/a.json' }, b: { $ref: '#/nowhere' } } };
    expect(diffSchemas(external as never, structuredClone(external) as never)).toEqual([]);
  });

  it('reads a $ref with sibling keywords as both at once (JSON Schema 2020-12)', () => {
    const defs = { $defs: { money: { type: 'object', properties: { amount: { type: 'integer' } } } } };
    const before = { ...defs, $ref: '#/$defs/money' };
    const after = { ...defs, $ref: '#/$defs/money', properties: { currency: str }, required: ['currency'] };
    expect(brief(diffSchemas(before as never, after as never, { direction: 'request' }))).toEqual(['request-required-property-added /properties/currency']);
  });

  it('looks through one-branch wrappers: Stripe\'s nullable expandable field is the referenced object, nullable', () => {
    const defs = { $defs: { file: { type: 'object', properties: { id: str, size: { type: 'integer' } } } } };
    const before = { ...defs, type: 'object', properties: { file: { $ref: '#/$defs/file' } } };
    const after = {
      $defs: { file: { type: 'object', properties: { id: str } } },
      type: 'object',
      properties: { file: { anyOf: [{ $ref: '#/$defs/file' }], nullable: true, description: 'the upload' } },
    };
    expect(brief(diffSchemas(before as never, after as never))).toEqual([
      'response-became-nullable /properties/file',
      'response-property-removed /properties/file/properties/size',
    ]);
  });

  it('walks deep schemas without exhausting the stack', () => {
    let before: Record<string, unknown> = str;
    let after: Record<string, unknown> = { type: 'integer' };
    for (let i = 0; i < 3000; i++) {
      before = { type: 'object', properties: { next: before } };
      after = { type: 'object', properties: { next: after } };
    }
    const changes = diffSchemas(before as never, after as never);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.path.split('/properties/next').length - 1).toBe(3000);
  });
});

describe('filterChanges on the walker\'s paths', () => {
  const doc = (email: unknown, note: unknown) => ({ type: 'object', properties: { customer: { type: 'object', properties: { email, note } } } });
  const changes = diffSchemas(doc(str, str) as never, doc({ type: 'integer' }, { type: 'string', deprecated: true }) as never);

  it('drops changes at or below an ignored pointer, `*` matching one token', () => {
    expect(brief(changes)).toEqual(['response-type-changed /properties/customer/properties/email', 'response-deprecated /properties/customer/properties/note']);
    expect(brief(filterChanges(changes, { ignore: ['/properties/customer/properties/note'] }))).toEqual(['response-type-changed /properties/customer/properties/email']);
    expect(filterChanges(changes, { ignore: ['/properties/*'] })).toEqual([]);
    expect(brief(filterChanges(changes, { ignore: ['/properties/*/properties/email'] }))).toEqual(['response-deprecated /properties/customer/properties/note']);
  });

  it('drops changes below a minimum level', () => {
    expect(brief(filterChanges(changes, { minLevel: 'breaking' }))).toEqual(['response-type-changed /properties/customer/properties/email']);
    expect(filterChanges(changes, { minLevel: 'warning' })).toHaveLength(2);
  });
});
