import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/diff/openapi/diff-specs.js';
import { summarize } from '../../src/diff/filter.js';
import type { Change } from '../../src/diff/types.js';
import { loadSpecText } from '../../src/spec/load.js';
import { CORPUS_SKIP_MESSAGE, corpusDir, readGzipText, stripePairs, stripeVersions } from './corpus.js';

const corpus = corpusDir();
if (!corpus) console.warn(`[skip] Stripe spec corpus tests: ${CORPUS_SKIP_MESSAGE}`);

const load = (file: string) => loadSpecText(readGzipText(file), basename(file));
const rows = (changes: Change[]) => changes.map((c) => [c.id, c.level, c.operation, c.path]);
const JSON_SCHEMA = '/responses/200/content/application~1json/schema';
const FORM_SCHEMA = '/requestBody/content/application~1x-www-form-urlencoded/schema';

/** What every report must satisfy whatever the input: well-formed pointers, no placeholder left in a path or message. */
function expectWellFormed(changes: Change[]): void {
  for (const change of changes) {
    expect(change.path === '' || change.path.startsWith('/'), change.path).toBe(true);
    expect(`${change.path} ${change.message}`).not.toMatch(/\uE000/);
    expect(change.message).not.toMatch(/\{(name|parent|path|where|status|operation)\}/);
  }
}

describe.skipIf(!corpus)('Stripe spec corpus: real day-to-day changes', () => {
  const pairs = corpus ? stripePairs(corpus) : [];
  const pair = (prefix: string) => {
    const found = pairs.find((p) => p.name.startsWith(prefix));
    if (!found) throw new Error(`no pair ${prefix} in the corpus`);
    return diffSpecs(load(found.before), load(found.after));
  };

  it('diffs every pair without crashing; all of them only add things, so nothing is breaking or a warning', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    for (const { name, before, after } of pairs) {
      const changes = diffSpecs(load(before), load(after));
      expectWellFormed(changes);
      expect(summarize(changes), name).toMatchObject({ breaking: 0, warning: 0 });
    }
  }, 120_000);

  // Checked by hand against a raw JSON diff of the two documents.
  it('2020-02-24: issuing dispute evidence gains `duplicate` and `product_not_received`, in responses and in the create request', () => {
    const changes = pair('2020-02-24_');
    expect(rows(changes)).toEqual(expect.arrayContaining([
      ['response-property-added', 'info', 'GET /v1/issuing/disputes/{dispute}', `${JSON_SCHEMA}/properties/evidence/properties/duplicate`],
      ['response-property-added', 'info', 'GET /v1/issuing/disputes/{dispute}', `${JSON_SCHEMA}/properties/evidence/properties/product_not_received`],
      ['request-optional-property-added', 'info', 'POST /v1/issuing/disputes', `${FORM_SCHEMA}/properties/evidence/properties/duplicate`],
      ['request-optional-property-added', 'info', 'POST /v1/issuing/disputes', `${FORM_SCHEMA}/properties/evidence/properties/product_not_received`],
      // The create request's `reason` enum gains the same two values.
      ['request-enum-value-added', 'info', 'POST /v1/issuing/disputes', `${FORM_SCHEMA}/properties/reason`],
    ]));
    const added = new Set(changes.map((c) => c.path.split('/').at(-1)));
    expect([...added].sort()).toEqual(['duplicate', 'product_not_received', 'reason']);
  }, 60_000);

  it('2020-03-23: subscriptions gain `pause_collection`, readable everywhere a subscription is returned and settable on update', () => {
    const changes = pair('2020-03-23_');
    expect(rows(changes)).toEqual(expect.arrayContaining([
      ['response-property-added', 'info', 'DELETE /v1/customers/{customer}/subscriptions/{subscription_exposed_id}', `${JSON_SCHEMA}/properties/pause_collection`],
      ['response-property-added', 'info', 'GET /v1/customers/{customer}/subscriptions', `${JSON_SCHEMA}/properties/data/items/properties/pause_collection`],
      ['request-optional-property-added', 'info', 'POST /v1/subscriptions/{subscription_exposed_id}', `${FORM_SCHEMA}/properties/pause_collection`],
    ]));
    expect(changes.filter((c) => c.id === 'request-optional-property-added').map((c) => c.operation)).toEqual([
      'POST /v1/customers/{customer}/subscriptions/{subscription_exposed_id}',
      'POST /v1/subscriptions/{subscription_exposed_id}',
    ]);
  }, 60_000);

  it('2021-09-14: persons gain `full_name_aliases`, accepted by the 13 request bodies that write a person', () => {
    const changes = pair('2021-09-14_');
    expect(rows(changes)).toEqual(expect.arrayContaining([
      ['response-property-added', 'info', 'GET /v1/account/people/{person}', `${JSON_SCHEMA}/properties/full_name_aliases`],
      ['request-optional-property-added', 'info', 'POST /v1/tokens', `${FORM_SCHEMA}/properties/person/properties/full_name_aliases`],
      ['request-optional-property-added', 'info', 'POST /v1/account', `${FORM_SCHEMA}/properties/individual/properties/full_name_aliases`],
    ]));
    expect(changes.filter((c) => c.id.startsWith('request-'))).toHaveLength(13);
  }, 60_000);

  it('narrows to the operations a consumer calls', () => {
    const found = pairs.find((p) => p.name.startsWith('2021-09-14_'))!;
    const changes = diffSpecs(load(found.before), load(found.after), { operations: ['get /v1/account/people/{id}', 'POST /v1/charges'] });
    expect(rows(changes)).toEqual([
      ['response-property-added', 'info', 'GET /v1/account/people/{person}', `${JSON_SCHEMA}/properties/full_name_aliases`],
      // A charge's `on_behalf_of` expands to the connected account, whose `individual` is a person. The
      // default (error) response reaches it too, through the error's payment intent: reported once, here.
      ['response-property-added', 'info', 'POST /v1/charges', `${JSON_SCHEMA}/properties/on_behalf_of/anyOf/1/properties/individual/properties/full_name_aliases`],
    ]);
  }, 60_000);

  it('reports nothing for two separately read copies of one document', () => {
    for (const { before } of pairs) expect(diffSpecs(load(before), load(before))).toEqual([]);
  }, 120_000);
});

describe.skipIf(!corpus)('Stripe spec corpus: versions years apart', () => {
  const versions = corpus ? stripeVersions(corpus) : [];
  const at = (prefix: string) => join(corpus ?? '', 'stripe-openapi', basename(versions.find((v) => basename(v).startsWith(prefix)) ?? prefix));

  it('diffs every consecutive pair, and the first with the last, without crashing', () => {
    expect(versions.length).toBeGreaterThanOrEqual(10);
    const specs = versions.map(load);
    for (let i = 1; i < specs.length; i++) expectWellFormed(diffSpecs(specs[i - 1]!, specs[i]!));
    const all = diffSpecs(specs[0]!, specs.at(-1)!);
    expectWellFormed(all);
    expect(summarize(all).breaking).toBeGreaterThan(0);
    expect(diffSpecs(specs.at(-1)!, load(versions.at(-1)!))).toEqual([]);
  }, 300_000);

  // Each checked by hand in the two documents.
  it('2017-09 to 2018-07: a removed operation, a deprecation, a new global security requirement, a response that changed schema, a retyped field', () => {
    const changes = diffSpecs(load(at('2017-09-05')), load(at('2018-07-06')));
    expect(rows(changes)).toEqual(expect.arrayContaining([
      // DELETE /v1/bitcoin/receivers/{id} is gone; GET on the same path stays, now deprecated.
      ['request-operation-removed', 'breaking', 'DELETE /v1/bitcoin/receivers/{id}', ''],
      ['request-operation-deprecated', 'warning', 'GET /v1/bitcoin/receivers/{id}', '/deprecated'],
      // 2017 declares no security; 2018 requires basicAuth or bearerAuth for the whole API.
      ['request-security-added', 'breaking', undefined, '/security'],
      // DELETE /v1/account returned `account` and now returns `deleted_object`: the account's fields are gone.
      ['response-property-removed', 'breaking', 'DELETE /v1/account', `${JSON_SCHEMA}/properties/business_name`],
      // order.items was a $ref to order_item (an object) and is now an array of them.
      ['response-type-changed', 'breaking', 'GET /v1/charges/{charge}', `${JSON_SCHEMA}/properties/order/anyOf/1/properties/items`],
    ]));
    // {account} was in the path template all along: declaring it is not a new parameter.
    expect(changes.filter((c) => c.id === 'request-required-parameter-added' && c.path.startsWith('/parameters/path/'))).toEqual([]);
  }, 120_000);
});
