import { change, object, str, type Scenario } from './scenario.js';

const map = (extra: Record<string, unknown>) => ({ type: 'object', ...extra });

export const additionalPropertiesScenarios: Scenario[] = [
  {
    name: 'a closed response object that may now carry undeclared properties',
    before: map({ additionalProperties: false }),
    after: map({}),
    expect: [change('warning', 'response-additional-properties-opened', '/additionalProperties', 'object at / may now carry undeclared properties', false, undefined)],
    quiet: ['response-additional-properties-closed'],
  },
  {
    name: 'a closed request object that accepts undeclared properties',
    before: map({ additionalProperties: false }),
    after: map({ additionalProperties: { type: 'string' } }),
    direction: 'request',
    expect: [change('info', 'request-additional-properties-opened', '/additionalProperties', 'object at / now accepts undeclared properties', false, { type: 'string' })],
    quiet: ['request-additional-properties-closed'],
  },
  {
    name: 'a response object that no longer carries undeclared properties',
    before: map({ additionalProperties: true }),
    after: map({ additionalProperties: false }),
    expect: [change('info', 'response-additional-properties-closed', '/additionalProperties', 'object at / no longer carries undeclared properties', true, false)],
    quiet: ['response-additional-properties-opened'],
  },
  {
    name: 'a request object that no longer accepts undeclared properties',
    before: map({ additionalProperties: { type: 'string' } }),
    after: map({ additionalProperties: false }),
    direction: 'request',
    expect: [change('warning', 'request-additional-properties-closed', '/additionalProperties', 'object at / no longer accepts undeclared properties', { type: 'string' }, false)],
    quiet: ['request-additional-properties-opened'],
  },
  {
    name: 'undeclared response properties that now match a schema',
    before: map({}),
    after: map({ additionalProperties: { type: 'string' } }),
    expect: [change('info', 'response-additional-properties-constrained', '/additionalProperties', 'undeclared properties of the object at / now match a schema', undefined, { type: 'string' })],
    quiet: ['response-additional-properties-unconstrained'],
  },
  {
    name: 'undeclared request properties that must now match a schema',
    before: map({ additionalProperties: true }),
    after: map({ additionalProperties: { type: 'string' } }),
    direction: 'request',
    expect: [
      change('warning', 'request-additional-properties-constrained', '/additionalProperties', 'undeclared properties of the object at / must now match a schema', true, { type: 'string' }),
    ],
  },
  {
    name: 'a response map (Stripe metadata) whose values lost their schema',
    before: object({ metadata: map({ additionalProperties: { type: 'string', maxLength: 500 } }) }),
    after: object({ metadata: map({}) }),
    expect: [
      change(
        'breaking',
        'response-additional-properties-unconstrained',
        '/properties/metadata/additionalProperties',
        'values of the map at /properties/metadata lost their schema: anything may arrive',
        { type: 'string', maxLength: 500 },
        undefined,
      ),
    ],
  },
  {
    name: 'a request map whose values lost their schema',
    before: map({ additionalProperties: { type: 'string' } }),
    after: map({ additionalProperties: {} }),
    direction: 'request',
    expect: [change('info', 'request-additional-properties-unconstrained', '/additionalProperties', 'values of the map at / lost their schema', { type: 'string' }, {})],
    quiet: ['request-additional-properties-constrained'],
  },
  {
    name: 'map values that changed type are reported inside the map',
    before: map({ additionalProperties: { type: 'string' } }),
    after: map({ additionalProperties: { type: 'integer' } }),
    expect: [change('breaking', 'response-type-changed', '/additionalProperties', 'type at /additionalProperties changed from string to integer', ['string'], ['integer'])],
    quiet: ['response-additional-properties-unconstrained', 'response-additional-properties-constrained'],
  },
  {
    name: 'inference never writes additionalProperties: its absence in an observation says nothing',
    before: map({ additionalProperties: false, properties: { id: str } }),
    after: map({ properties: { id: str } }),
    mode: 'observation',
    expect: [],
    quiet: ['response-additional-properties-opened'],
  },
];

const defs = {
  card: object({ object: { type: 'string', enum: ['card'] }, last4: str }, ['object']),
  bank: object({ object: { type: 'string', enum: ['bank_account'] }, routing: str }, ['object']),
  customer: object({ object: { type: 'string', enum: ['customer'] }, email: str }, ['object']),
  deleted: object({ object: { type: 'string', enum: ['customer'] }, deleted: { type: 'boolean', enum: [true] } }, ['object']),
};
const ref = (name: keyof typeof defs) => ({ $ref: `#/$defs/${name}` });
const expandable = (...branches: unknown[]) => ({ $defs: defs, ...object({ customer: { anyOf: branches } }) });

export const alternativesScenarios: Scenario[] = [
  {
    name: 'a field that became expandable (string → string or customer object) may now be an object',
    before: { $defs: defs, ...object({ customer: { type: 'string', maxLength: 5000 } }) },
    after: expandable({ type: 'string', maxLength: 5000 }, ref('customer')),
    expect: [
      change(
        'breaking',
        'response-any-of-branch-added',
        '/properties/customer/anyOf/1',
        'value at /properties/customer may now also be #/$defs/customer (new anyOf alternative)',
        undefined,
        ref('customer'),
      ),
    ],
    quiet: ['response-type-widened'],
  },
  {
    name: 'a new alternative a request may send is information',
    before: expandable(str, ref('customer')),
    after: expandable(str, ref('customer'), ref('deleted')),
    direction: 'request',
    expect: [
      change('info', 'request-any-of-branch-added', '/properties/customer/anyOf/2', 'value at /properties/customer may now also be #/$defs/deleted (new anyOf alternative)', undefined, ref('deleted')),
    ],
  },
  {
    name: 'an alternative a response no longer sends is information',
    before: expandable(str, ref('customer'), ref('deleted')),
    after: expandable(str, ref('customer')),
    expect: [
      change('info', 'response-any-of-branch-removed', '/properties/customer/anyOf/2', 'value at /properties/customer is no longer #/$defs/deleted (anyOf alternative removed)', ref('deleted'), undefined),
    ],
  },
  {
    name: 'an alternative a request may no longer send breaks requests sending it',
    before: expandable(str, ref('customer')),
    after: { $defs: defs, ...object({ customer: str }) },
    direction: 'request',
    expect: [
      change('breaking', 'request-any-of-branch-removed', '/properties/customer/anyOf/1', 'value at /properties/customer may no longer be #/$defs/customer (anyOf alternative removed)', ref('customer'), undefined),
    ],
  },
  {
    name: 'a new oneOf alternative of a response',
    before: { $defs: defs, oneOf: [ref('card')] , description: 'a payment source' },
    after: { $defs: defs, oneOf: [ref('card'), ref('bank')] },
    expect: [change('breaking', 'response-one-of-branch-added', '/oneOf/1', 'value at / may now also be #/$defs/bank (new oneOf alternative)', undefined, ref('bank'))],
    quiet: ['response-one-of-branch-removed'],
  },
  {
    name: 'a new oneOf alternative of a request',
    before: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    after: { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] },
    direction: 'request',
    expect: [change('info', 'request-one-of-branch-added', '/oneOf/2', 'value at / may now also be boolean (new oneOf alternative)', undefined, { type: 'boolean' })],
    quiet: ['request-one-of-branch-removed'],
  },
  {
    name: 'a oneOf alternative a response no longer sends',
    before: { $defs: defs, oneOf: [ref('card'), ref('bank')] },
    after: { $defs: defs, oneOf: [ref('card'), { type: 'string' }] },
    expect: [
      change('breaking', 'response-one-of-branch-added', '/oneOf/1', 'value at / may now also be string (new oneOf alternative)', undefined, { type: 'string' }),
      change('info', 'response-one-of-branch-removed', '/oneOf/1', 'value at / is no longer #/$defs/bank (oneOf alternative removed)', ref('bank'), undefined),
    ],
  },
  {
    name: 'a oneOf alternative a request may no longer send',
    before: { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] },
    after: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    direction: 'request',
    expect: [change('breaking', 'request-one-of-branch-removed', '/oneOf/2', 'value at / may no longer be boolean (oneOf alternative removed)', { type: 'boolean' }, undefined)],
    quiet: ['request-one-of-branch-added'],
  },
  {
    name: 'a matched alternative is compared inside, at its own pointer',
    before: expandable(str, ref('customer')),
    after: { $defs: { ...defs, customer: object({ object: { type: 'string', enum: ['customer'] } }, ['object']) }, ...object({ customer: { anyOf: [str, ref('customer')] } }) },
    expect: [change('breaking', 'response-property-removed', '/properties/customer/anyOf/1/properties/email', 'property `email` was removed from /properties/customer/anyOf/1', str, undefined)],
    quiet: ['response-property-added', 'response-any-of-branch-added', 'response-any-of-branch-removed'],
  },
  {
    name: 'alternatives told apart by their kind when their references were renamed',
    before: { $defs: defs, oneOf: [ref('card'), ref('bank')] },
    after: { $defs: { ...defs, source_card: defs.card }, oneOf: [{ $ref: '#/$defs/source_card' }, ref('bank')] },
    expect: [],
    quiet: ['response-one-of-branch-added', 'response-one-of-branch-removed'],
  },
  {
    name: 'a plain value that matches none of the alternatives is a type change',
    before: { type: 'boolean' },
    after: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    expect: [change('breaking', 'response-type-changed', '', 'type at / changed from boolean to integer | string', ['boolean'], ['integer', 'string'])],
    quiet: ['response-any-of-branch-added'],
  },
  {
    name: 'a sample shows one alternative at a time: the others are variance',
    before: expandable(str, ref('customer')),
    after: object({ customer: str }, ['customer']),
    mode: 'observation',
    expect: [],
    quiet: ['response-any-of-branch-removed', 'response-type-narrowed'],
  },
];

const base = { type: 'object', properties: { id: str }, required: ['id'] };
const timestamps = { title: 'Timestamps', type: 'object', properties: { created: { type: 'integer' } } };

export const allOfScenarios: Scenario[] = [
  {
    name: 'a part added to a response allOf, and the property it brings',
    before: { $defs: { base }, allOf: [{ $ref: '#/$defs/base' }, { type: 'object' }] },
    after: { $defs: { base }, allOf: [{ $ref: '#/$defs/base' }, { type: 'object' }, timestamps] },
    expect: [
      change('info', 'response-all-of-branch-added', '/allOf/2', 'allOf at / gained part Timestamps', undefined, timestamps),
      change('info', 'response-property-added', '/properties/created', 'new property `created` appears at /', undefined, { type: 'integer' }),
    ],
  },
  {
    name: 'a part added to a request allOf',
    before: { allOf: [base, { required: ['id'] }] },
    after: { allOf: [base, { required: ['id'] }, timestamps] },
    direction: 'request',
    expect: [
      change('info', 'request-all-of-branch-added', '/allOf/2', 'allOf at / gained part Timestamps', undefined, timestamps),
      change('info', 'request-optional-property-added', '/properties/created', 'new optional property `created` accepted at /', undefined, { type: 'integer' }),
    ],
    quiet: ['request-all-of-branch-removed'],
  },
  {
    name: 'a part removed from a response allOf takes its properties with it',
    before: { allOf: [base, timestamps] },
    after: { allOf: [base, { type: 'object' }] },
    expect: [
      change('breaking', 'response-property-removed', '/properties/created', 'property `created` was removed from /', { type: 'integer' }, undefined),
      change('info', 'response-all-of-branch-added', '/allOf/1', 'allOf at / gained part object', undefined, { type: 'object' }),
      change('info', 'response-all-of-branch-removed', '/allOf/1', 'allOf at / lost part Timestamps', timestamps, undefined),
    ],
  },
  {
    name: 'a part removed from a request allOf',
    before: { allOf: [base, timestamps, { required: ['created'] }] },
    after: { allOf: [base, timestamps] },
    direction: 'request',
    expect: [
      change('info', 'request-all-of-branch-removed', '/allOf/2', 'allOf at / lost part {"required":["created"]}', { required: ['created'] }, undefined),
      change('info', 'request-property-became-optional', '/properties/created', 'property `created` at / became optional', 'required', 'optional'),
    ],
  },
  {
    name: 'an allOf inlined into one object describes the same values',
    before: { allOf: [base, timestamps] },
    after: { type: 'object', properties: { id: str, created: { type: 'integer' } }, required: ['id'] },
    expect: [],
    quiet: ['response-all-of-branch-removed', 'response-all-of-branch-added', 'response-property-removed'],
  },
];

allOfScenarios.push({
  name: 'the parts of a request allOf in another order are the same parts',
  before: { allOf: [base, timestamps] },
  after: { allOf: [timestamps, base] },
  direction: 'request',
  expect: [],
  quiet: ['request-all-of-branch-added', 'request-all-of-branch-removed'],
});

alternativesScenarios.push({
  name: 'a request alternative that changed inside is compared, not replaced',
  before: expandable({ type: 'string' }, ref('customer')),
  after: expandable({ type: 'string', maxLength: 10 }, ref('customer')),
  direction: 'request',
  expect: [
    change('breaking', 'request-max-length-tightened', '/properties/customer/anyOf/0', 'maxLength at /properties/customer/anyOf/0 tightened from none to 10: longer strings are refused', undefined, 10),
  ],
  quiet: ['request-any-of-branch-added', 'request-any-of-branch-removed'],
});

additionalPropertiesScenarios.push({
  name: 'request map values that gained a limit are compared inside the map',
  before: map({ additionalProperties: { type: 'string' } }),
  after: map({ additionalProperties: { type: 'string', maxLength: 10 } }),
  direction: 'request',
  expect: [
    change('breaking', 'request-max-length-tightened', '/additionalProperties', 'maxLength at /additionalProperties tightened from none to 10: longer strings are refused', undefined, 10),
  ],
  quiet: ['request-additional-properties-unconstrained', 'request-additional-properties-constrained'],
});

const pets = { $defs: { cat: object({ kind: str }), dog: object({ kind: str }) }, oneOf: [{ $ref: '#/$defs/cat' }, { $ref: '#/$defs/dog' }] };
const disc = (discriminator: unknown) => ({ ...pets, discriminator });

export const discriminatorScenarios: Scenario[] = [
  {
    name: 'a discriminator added to response alternatives',
    before: pets,
    after: disc({ propertyName: 'kind' }),
    expect: [change('info', 'response-discriminator-added', '/discriminator', 'alternatives at / are now told apart by property `kind`', undefined, { propertyName: 'kind' })],
    quiet: ['response-discriminator-removed'],
  },
  {
    name: 'a discriminator added to request alternatives',
    before: pets,
    after: disc({ propertyName: 'kind' }),
    direction: 'request',
    expect: [change('info', 'request-discriminator-added', '/discriminator', 'alternatives at / are now told apart by property `kind`', undefined, { propertyName: 'kind' })],
    quiet: ['request-discriminator-removed'],
  },
  {
    name: 'response alternatives no longer told apart by a discriminator',
    before: disc({ propertyName: 'kind' }),
    after: pets,
    expect: [change('warning', 'response-discriminator-removed', '/discriminator', 'alternatives at / are no longer told apart by property `kind`', { propertyName: 'kind' }, undefined)],
    quiet: ['response-discriminator-added'],
  },
  {
    name: 'request alternatives no longer told apart by a discriminator',
    before: disc({ propertyName: 'kind' }),
    after: pets,
    direction: 'request',
    expect: [change('info', 'request-discriminator-removed', '/discriminator', 'alternatives at / are no longer told apart by property `kind`', { propertyName: 'kind' }, undefined)],
    quiet: ['request-discriminator-added'],
  },
  {
    name: 'the discriminating property renamed',
    before: disc({ propertyName: 'kind' }),
    after: disc({ propertyName: 'type' }),
    expect: [change('breaking', 'response-discriminator-property-changed', '/discriminator/propertyName', 'discriminator at / changed from `kind` to `type`', 'kind', 'type')],
  },
  {
    name: 'the discriminating property of a request renamed',
    before: disc({ propertyName: 'kind' }),
    after: disc({ propertyName: 'type' }),
    direction: 'request',
    expect: [change('breaking', 'request-discriminator-property-changed', '/discriminator/propertyName', 'discriminator at / changed from `kind` to `type`', 'kind', 'type')],
  },
  {
    name: 'a response discriminator value mapped to a new kind',
    before: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat' } }),
    after: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat', dog: '#/$defs/dog' } }),
    expect: [change('breaking', 'response-discriminator-mapping-added', '/discriminator/mapping/dog', 'discriminator value `dog` at / now maps to #/$defs/dog', undefined, '#/$defs/dog')],
    quiet: ['response-discriminator-mapping-removed'],
  },
  {
    name: 'a request discriminator value mapped to a new kind',
    before: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat' } }),
    after: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat', dog: '#/$defs/dog' } }),
    direction: 'request',
    expect: [change('info', 'request-discriminator-mapping-added', '/discriminator/mapping/dog', 'discriminator value `dog` at / now maps to #/$defs/dog', undefined, '#/$defs/dog')],
    quiet: ['request-discriminator-mapping-removed'],
  },
  {
    name: 'a response discriminator value no longer mapped',
    before: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat', dog: '#/$defs/dog' } }),
    after: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat' } }),
    expect: [change('info', 'response-discriminator-mapping-removed', '/discriminator/mapping/dog', 'discriminator value `dog` at / no longer maps to #/$defs/dog', '#/$defs/dog', undefined)],
    quiet: ['response-discriminator-mapping-added'],
  },
  {
    name: 'a request discriminator value no longer mapped',
    before: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat', dog: '#/$defs/dog' } }),
    after: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat' } }),
    direction: 'request',
    expect: [change('breaking', 'request-discriminator-mapping-removed', '/discriminator/mapping/dog', 'discriminator value `dog` at / no longer maps to #/$defs/dog', '#/$defs/dog', undefined)],
    quiet: ['request-discriminator-mapping-added'],
  },
  {
    name: 'a discriminator value that maps to another schema',
    before: disc({ propertyName: 'kind', mapping: { pet: '#/$defs/cat' } }),
    after: disc({ propertyName: 'kind', mapping: { pet: '#/$defs/dog' } }),
    expect: [change('breaking', 'response-discriminator-mapping-changed', '/discriminator/mapping/pet', 'discriminator value `pet` at / maps to #/$defs/dog instead of #/$defs/cat', '#/$defs/cat', '#/$defs/dog')],
  },
  {
    name: 'a request discriminator value that maps to another schema',
    before: disc({ propertyName: 'kind', mapping: { pet: '#/$defs/cat' } }),
    after: disc({ propertyName: 'kind', mapping: { pet: '#/$defs/dog' } }),
    direction: 'request',
    expect: [change('breaking', 'request-discriminator-mapping-changed', '/discriminator/mapping/pet', 'discriminator value `pet` at / maps to #/$defs/dog instead of #/$defs/cat', '#/$defs/cat', '#/$defs/dog')],
  },
  {
    name: 'an unchanged discriminator, and any in an observation, say nothing',
    before: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat' } }),
    after: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat' } }),
    expect: [],
    quiet: ['response-discriminator-mapping-changed', 'response-discriminator-property-changed', 'response-discriminator-mapping-added', 'response-discriminator-mapping-removed'],
  },
  {
    name: 'a request discriminator whose mapping is written in another order',
    before: disc({ propertyName: 'kind', mapping: { cat: '#/$defs/cat', dog: '#/$defs/dog' } }),
    after: disc({ mapping: { dog: '#/$defs/dog', cat: '#/$defs/cat' }, propertyName: 'kind' }),
    direction: 'request',
    expect: [],
    quiet: ['request-discriminator-mapping-changed', 'request-discriminator-property-changed', 'request-discriminator-mapping-removed'],
  },
];
