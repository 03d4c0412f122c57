import { describe, expect, it } from 'vitest';
import { bundleExternalRefs, EXTERNAL_DOCUMENTS_KEY, MAX_EXTERNAL_DOCUMENTS } from '../../src/spec/external-refs.js';
import { followRefs, resolvePointer } from '../../src/spec/refs.js';

const BASE = 'https://api.vendor.test/specs/openapi.json';

describe('bundleExternalRefs', () => {
  it('pulls allowed documents in, rewrites their references (relative, internal, across documents, in a cycle) to point into the root', async () => {
    const documents: Record<string, unknown> = {
      'https://api.vendor.test/specs/common.json': { Money: { type: 'object', properties: { currency: { $ref: '#/Currency' }, fx: { $ref: 'more.json#/Rate' } } }, Currency: { type: 'string' } },
      'https://api.vendor.test/specs/more.json': { Rate: { type: 'object', properties: { base: { $ref: 'common.json#/Money' } } } },
    };
    const fetched: string[] = [];
    const root: Record<string, unknown> = {
      openapi: '3.0.3',
      price: { $ref: './common.json#/Money' },
      local: { $ref: '#/price' },
      foreign: { $ref: 'https://elsewhere.test/x.json#/Y' },
    };
    const result = await bundleExternalRefs(root, {
      baseUrl: BASE,
      allowed: (url) => url.startsWith('https://api.vendor.test/specs/'),
      keyOf: (url) => url,
      fetchDocument: async (url) => {
        fetched.push(url);
        return structuredClone(documents[url]);
      },
    });
    expect(fetched).toEqual(['https://api.vendor.test/specs/common.json', 'https://api.vendor.test/specs/more.json']);
    expect(result).toEqual({ notFollowed: ['https://elsewhere.test/x.json#/Y'], fetched });
    expect(root.local).toEqual({ $ref: '#/price' });
    expect(root.foreign).toEqual({ $ref: 'https://elsewhere.test/x.json#/Y' });

    const money = followRefs(root, root.price);
    expect(money).toMatchObject({ ok: true, value: { type: 'object' } });
    if (!money.ok) throw new Error(money.problem);
    const properties = money.value.properties as Record<string, unknown>;
    expect(followRefs(root, properties.currency)).toMatchObject({ ok: true, value: { type: 'string' } });
    const rate = followRefs(root, properties.fx);
    if (!rate.ok) throw new Error(rate.problem);
    // The cycle Money → Rate → Money closes inside the root.
    expect(followRefs(root, (rate.value.properties as Record<string, unknown>).base)).toEqual(money);
    expect(Object.keys(resolvePointer(root, `#/${EXTERNAL_DOCUMENTS_KEY}`) as object)).toEqual(fetched);
  });

  it('fetches nothing and changes nothing when no prefix allows a reference', async () => {
    const root = { a: { $ref: 'https://api.vendor.test/specs/common.json#/Money' }, b: { $ref: 'not a url at all\u0000' } };
    const before = structuredClone(root);
    const result = await bundleExternalRefs(root, { baseUrl: BASE, allowed: () => false, keyOf: (url) => url, fetchDocument: () => Promise.reject(new Error('fetched')) });
    expect(result.fetched).toEqual([]);
    expect(result.notFollowed).toHaveLength(2);
    expect(root).toEqual(before);
  });

  it(`refuses more than ${MAX_EXTERNAL_DOCUMENTS} documents`, async () => {
    let n = 0;
    const root = { start: { $ref: 'doc0.json' } };
    await expect(
      bundleExternalRefs(root, { baseUrl: BASE, allowed: () => true, keyOf: (url) => url, fetchDocument: async () => ({ next: { $ref: `doc${++n}.json` } }) }),
    ).rejects.toThrow(`more than ${MAX_EXTERNAL_DOCUMENTS} external documents are referenced (the next: https://api.vendor.test/specs/doc${MAX_EXTERNAL_DOCUMENTS}.json)`);
  });

  it('keeps a fetched document under its masked URL: a secret in the spec URL reaches neither the keys nor the rewritten refs', async () => {
    const secret = 'sekrit-path-token-NOT-REAL-5521';
    const root: Record<string, unknown> = { openapi: '3.0.3', price: { $ref: 'common.json#/Money' } };
    const fetched: string[] = [];
    await bundleExternalRefs(root, {
      baseUrl: `https://api.vendor.test/${secret}/openapi.json`,
      allowed: () => true,
      keyOf: (url) => url.replace(secret, '***'),
      fetchDocument: async (url) => {
        fetched.push(url);
        return { Money: { type: 'integer' } };
      },
    });
    expect(fetched).toEqual([`https://api.vendor.test/${secret}/common.json`]);
    expect(JSON.stringify(root)).not.toContain(secret);
    expect(Object.keys(root['x-driftwatch-external'] as object)).toEqual(['https://api.vendor.test/***/common.json']);
  });
});
