import { change, object, str, type Scenario } from './scenario.js';

export const defaultScenarios: Scenario[] = [
  {
    name: 'a response default that changed is information',
    before: { type: 'integer', default: 10 },
    after: { type: 'integer', default: 25 },
    expect: [change('info', 'response-default-changed', '', 'default at / changed from 10 to 25', 10, 25)],
  },
  {
    name: 'a request default that appeared changes what omitting the value means',
    before: object({ limit: { type: 'integer' } }),
    after: object({ limit: { type: 'integer', default: 10 } }),
    direction: 'request',
    expect: [
      change('warning', 'request-default-changed', '/properties/limit', 'default at /properties/limit changed from none to 10: requests that leave it out behave differently', undefined, 10),
    ],
  },
  {
    name: 'a default on a wrapper around a reference counts where it is written',
    before: { $defs: { mode: { type: 'string', enum: ['a', 'b'] } }, ...object({ mode: { allOf: [{ $ref: '#/$defs/mode' }], default: 'a' } }) },
    after: { $defs: { mode: { type: 'string', enum: ['a', 'b'] } }, ...object({ mode: { allOf: [{ $ref: '#/$defs/mode' }], default: 'b' } }) },
    direction: 'request',
    expect: [
      change('warning', 'request-default-changed', '/properties/mode', 'default at /properties/mode changed from "a" to "b": requests that leave it out behave differently', 'a', 'b'),
    ],
  },
  {
    name: 'an equal default, and any default in an observation, are no change',
    before: object({ a: { type: 'object', default: { x: 1, y: 2 } }, b: { type: 'integer', default: 1 } }),
    after: object({ a: { type: 'object', default: { y: 2, x: 1 } }, b: { type: 'integer' } }),
    mode: 'observation',
    expect: [],
    quiet: ['response-default-changed'],
  },
];

defaultScenarios.push({
  name: 'a request default equal up to key order is no change',
  before: { type: 'object', default: { currency: 'usd', amount: 0 } },
  after: { type: 'object', default: { amount: 0, currency: 'usd' } },
  direction: 'request',
  expect: [],
  quiet: ['request-default-changed'],
});

export const readWriteScenarios: Scenario[] = [
  {
    name: 'a response value that became writeOnly is no longer returned',
    before: object({ secret: str }),
    after: object({ secret: { type: 'string', writeOnly: true } }),
    expect: [change('breaking', 'response-became-write-only', '/properties/secret', 'value at /properties/secret became writeOnly: it is no longer returned', false, true)],
    quiet: ['response-became-not-write-only', 'response-property-removed'],
  },
  {
    name: 'a writeOnly response value that is now returned',
    before: object({ secret: { type: 'string', writeOnly: true } }),
    after: object({ secret: str }),
    expect: [change('info', 'response-became-not-write-only', '/properties/secret', 'value at /properties/secret is no longer writeOnly: it is now returned', true, false)],
    quiet: ['response-became-write-only'],
  },
  {
    name: 'a request value that became readOnly has no effect when sent',
    before: object({ status: str }),
    after: object({ status: { type: 'string', readOnly: true } }),
    direction: 'request',
    expect: [change('warning', 'request-became-read-only', '/properties/status', 'value at /properties/status became readOnly: sending it has no effect or is refused', false, true)],
    quiet: ['request-became-not-read-only', 'request-property-removed'],
  },
  {
    name: 'a readOnly request value that may now be sent',
    before: object({ status: { type: 'string', readOnly: true } }),
    after: object({ status: str }),
    direction: 'request',
    expect: [change('info', 'request-became-not-read-only', '/properties/status', 'value at /properties/status is no longer readOnly: it may now be sent', true, false)],
    quiet: ['request-became-read-only'],
  },
  {
    name: 'changes inside a property hidden from this side of the API are not reported',
    before: object({ status: { type: 'string', readOnly: true }, secret: { type: 'string', writeOnly: true } }),
    after: object({ status: { type: 'integer', readOnly: true }, secret: { type: 'integer', writeOnly: true } }),
    direction: 'request',
    expect: [change('breaking', 'request-type-changed', '/properties/secret', 'type at /properties/secret changed from string to integer', ['string'], ['integer'])],
    quiet: ['request-became-read-only', 'response-became-write-only'],
  },
  {
    name: 'readOnly does not concern responses, writeOnly does not concern requests',
    before: object({ a: str, b: str }),
    after: object({ a: { type: 'string', readOnly: true }, b: { type: 'string', writeOnly: true } }),
    direction: 'request',
    expect: [change('warning', 'request-became-read-only', '/properties/a', 'value at /properties/a became readOnly: sending it has no effect or is refused', false, true)],
    quiet: ['request-became-not-read-only'],
  },
];

export const deprecatedScenarios: Scenario[] = [
  {
    name: 'a response property marked deprecated',
    before: object({ source: str }),
    after: object({ source: { type: 'string', deprecated: true } }),
    expect: [change('warning', 'response-deprecated', '/properties/source', 'value at /properties/source is deprecated', false, true)],
    quiet: ['response-reactivated'],
  },
  {
    name: 'a request property marked deprecated',
    before: object({ source: str }),
    after: object({ source: { type: 'string', deprecated: true } }),
    direction: 'request',
    expect: [change('warning', 'request-deprecated', '/properties/source', 'value at /properties/source is deprecated: stop sending it', false, true)],
    quiet: ['request-reactivated'],
  },
  {
    name: 'a deprecated response value reactivated',
    before: { type: 'string', deprecated: true },
    after: str,
    expect: [change('info', 'response-reactivated', '', 'value at / is no longer deprecated', true, false)],
    quiet: ['response-deprecated'],
  },
  {
    name: 'a deprecated request value reactivated',
    before: { type: 'string', deprecated: true },
    after: str,
    direction: 'request',
    expect: [change('info', 'request-reactivated', '', 'value at / is no longer deprecated', true, false)],
    quiet: ['request-deprecated'],
  },
  {
    name: 'deprecation on a reference wrapper counts where it is written; an observation says nothing',
    before: { $defs: { card: object({ last4: str }) }, ...object({ card: { $ref: '#/$defs/card' } }) },
    after: { $defs: { card: object({ last4: str }) }, ...object({ card: { anyOf: [{ $ref: '#/$defs/card' }], deprecated: true } }) },
    mode: 'observation',
    expect: [],
    quiet: ['response-deprecated'],
  },
  {
    name: 'deprecation on a reference wrapper',
    before: { $defs: { card: object({ last4: str }) }, ...object({ card: { $ref: '#/$defs/card' } }) },
    after: { $defs: { card: object({ last4: str }) }, ...object({ card: { anyOf: [{ $ref: '#/$defs/card' }], deprecated: true } }) },
    expect: [change('warning', 'response-deprecated', '/properties/card', 'value at /properties/card is deprecated', false, true)],
    quiet: ['response-any-of-branch-added', 'response-reactivated'],
  },
];
