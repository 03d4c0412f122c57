import { change, object, str, type Scenario } from './scenario.js';

const dateTime = { type: 'string', format: 'date-time' };

export const formatScenarios: Scenario[] = [
  {
    name: 'a format added to a response value narrows it: information',
    before: str,
    after: dateTime,
    expect: [change('info', 'response-format-added', '', 'value at / now has format date-time', undefined, 'date-time')],
    quiet: ['response-format-removed'],
  },
  {
    name: 'a format added to a request value may refuse what the consumer sends',
    before: str,
    after: dateTime,
    direction: 'request',
    expect: [change('warning', 'request-format-added', '', 'value at / must now have format date-time', undefined, 'date-time')],
    quiet: ['request-format-removed'],
  },
  {
    name: 'a response value that no longer promises a format',
    before: dateTime,
    after: str,
    expect: [change('warning', 'response-format-removed', '', 'value at / no longer promises format date-time', 'date-time', undefined)],
    quiet: ['response-format-added', 'response-format-not-matched'],
  },
  {
    name: 'a request value that no longer needs a format',
    before: dateTime,
    after: str,
    direction: 'request',
    expect: [change('info', 'request-format-removed', '', 'value at / no longer needs format date-time', 'date-time', undefined)],
    quiet: ['request-format-added'],
  },
  {
    name: 'a format that changed breaks a consumer parsing it',
    before: dateTime,
    after: { type: 'string', format: 'date' },
    expect: [change('breaking', 'response-format-changed', '', 'format at / changed from date-time to date', 'date-time', 'date')],
  },
  {
    name: 'a request format that changed',
    before: { type: 'string', format: 'uuid' },
    after: { type: 'string', format: 'uri' },
    direction: 'request',
    expect: [change('breaking', 'request-format-changed', '', 'format at / changed from uuid to uri', 'uuid', 'uri')],
  },
  {
    name: 'sampled strings without the baseline\'s format no longer match it',
    before: object({ created: dateTime }, ['created']),
    after: object({ created: str }, ['created']),
    mode: 'observation',
    expect: [change('breaking', 'response-format-not-matched', '/properties/created', 'values at /properties/created no longer match format date-time', 'date-time', undefined)],
    quiet: ['response-format-removed'],
  },
  {
    name: 'sampled strings of another format changed format',
    before: dateTime,
    after: { type: 'string', format: 'date' },
    mode: 'observation',
    expect: [change('breaking', 'response-format-changed', '', 'format at / changed from date-time to date', 'date-time', 'date')],
  },
  {
    name: 'a sampled format within the baseline\'s, a format inference never asserts, or only nulls seen, are no change',
    before: object({ link: { type: 'string', format: 'uri-reference' }, secret: { type: 'string', format: 'password' }, at: { type: ['string', 'null'], format: 'date-time' } }),
    after: object({ link: { type: 'string', format: 'uri' }, secret: str, at: { type: 'null' } }),
    mode: 'observation',
    expect: [],
    quiet: ['response-format-not-matched', 'response-format-changed'],
  },
  {
    name: 'a format the baseline lacks is variance in an observation',
    before: str,
    after: dateTime,
    mode: 'observation',
    expect: [],
    quiet: ['response-format-added'],
  },
];

formatScenarios.push({
  name: 'a request value that keeps its format and gains a limit',
  before: { type: 'string', format: 'date-time' },
  after: { type: 'string', format: 'date-time', maxLength: 40 },
  direction: 'request',
  expect: [change('breaking', 'request-max-length-tightened', '', 'maxLength at / tightened from none to 40: longer strings are refused', undefined, 40)],
  quiet: ['request-format-changed', 'request-format-added'],
});

export const patternScenarios: Scenario[] = [
  {
    name: 'a request pattern that stayed the same',
    before: { type: 'string', pattern: '^ch_', description: 'a charge id' },
    after: { type: 'string', pattern: '^ch_' },
    direction: 'request',
    expect: [],
    quiet: ['request-pattern-changed', 'request-pattern-added', 'request-pattern-removed'],
  },
  {
    name: 'a pattern added to a response value is information',
    before: str,
    after: { type: 'string', pattern: '^ch_' },
    expect: [change('info', 'response-pattern-added', '', 'value at / now matches pattern ^ch_', undefined, '^ch_')],
    quiet: ['response-pattern-removed'],
  },
  {
    name: 'a pattern added to a request value may refuse what the consumer sends',
    before: str,
    after: { type: 'string', pattern: '^ch_' },
    direction: 'request',
    expect: [change('warning', 'request-pattern-added', '', 'value at / must now match pattern ^ch_', undefined, '^ch_')],
    quiet: ['request-pattern-removed'],
  },
  {
    name: 'a response value that no longer promises a pattern',
    before: { type: 'string', pattern: '^ch_' },
    after: str,
    expect: [change('warning', 'response-pattern-removed', '', 'value at / no longer promises to match pattern ^ch_', '^ch_', undefined)],
    quiet: ['response-pattern-added'],
  },
  {
    name: 'a request value that no longer has to match a pattern',
    before: { type: 'string', pattern: '^ch_' },
    after: str,
    direction: 'request',
    expect: [change('info', 'request-pattern-removed', '', 'value at / no longer has to match pattern ^ch_', '^ch_', undefined)],
    quiet: ['request-pattern-added'],
  },
  {
    name: 'a changed pattern is a warning both ways',
    before: { type: 'string', pattern: '^ch_' },
    after: { type: 'string', pattern: '^py_' },
    expect: [change('warning', 'response-pattern-changed', '', 'pattern at / changed from ^ch_ to ^py_', '^ch_', '^py_')],
  },
  {
    name: 'a changed request pattern',
    before: { type: 'string', pattern: '^[a-z]+$' },
    after: { type: 'string', pattern: '^[a-z0-9]+$' },
    direction: 'request',
    expect: [change('warning', 'request-pattern-changed', '', 'pattern at / changed from ^[a-z]+$ to ^[a-z0-9]+$', '^[a-z]+$', '^[a-z0-9]+$')],
  },
  {
    name: 'a pattern replaced by an enum whose values all match it admits nothing new',
    before: { type: 'string', pattern: '^[a-z]+$' },
    after: { type: 'string', enum: ['paid', 'open'] },
    expect: [change('info', 'response-enum-constraint-added', '', 'value at / is now one of "paid", "open"', undefined, ['paid', 'open'])],
    quiet: ['response-enum-constraint-removed', 'response-pattern-removed', 'response-pattern-changed'],
  },
  {
    name: 'inference never writes patterns: an observation without one says nothing',
    before: { type: 'string', pattern: '^ch_' },
    after: str,
    mode: 'observation',
    expect: [],
    quiet: ['response-pattern-removed'],
  },
];
