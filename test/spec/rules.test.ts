import { describe, expect, it } from 'vitest';
import { specRules } from '../../src/diff/openapi/index.js';
import { allRules } from '../../src/diff/registry.js';
import { baseSpec, specChanges, summary } from './fixtures.js';

type Doc = Record<string, any>;
type Row = [id: string, level: string, operation: string | undefined, path: string];

interface Scenario {
  name: string;
  /** Changes the before document (defaults to the base spec as is). */
  before?: (doc: Doc) => void;
  /** Changes a fresh copy of the base spec into the after document. */
  after: (doc: Doc) => void;
  /** The whole expected result. */
  expected: Row[];
  /** Rules this scenario is a near miss for: they must not fire. */
  quietFor?: string[];
}

const GET = 'GET /charges';
const POST = 'POST /charges';
const GET_ONE = 'GET /charges/{id}';
const ok = { description: 'ok' };

const scenarios: Scenario[] = [
  // operations
  { name: 'an operation is removed', after: (d) => delete d.paths['/charges/{id}'].get, expected: [['request-operation-removed', 'breaking', GET_ONE, '']] },
  { name: 'an operation is added', after: (d) => (d.paths['/refunds'] = { get: { responses: { '200': ok } } }), expected: [['request-operation-added', 'info', 'GET /refunds', '']] },
  { name: 'an operation is deprecated', after: (d) => (d.paths['/charges'].get.deprecated = true), expected: [['request-operation-deprecated', 'warning', GET, '/deprecated']] },
  { name: 'a deprecated operation stays deprecated', before: (d) => (d.paths['/charges'].get.deprecated = true), after: (d) => (d.paths['/charges'].get.deprecated = true), expected: [], quietFor: ['request-operation-deprecated', 'request-operation-reactivated'] },
  { name: 'an operation is no longer deprecated', before: (d) => (d.paths['/charges'].get.deprecated = true), after: () => undefined, expected: [['request-operation-reactivated', 'info', GET, '/deprecated']] },
  { name: 'an operationId changes', after: (d) => (d.paths['/charges'].get.operationId = 'listAllCharges'), expected: [['request-operation-id-changed', 'info', GET, '/operationId']] },
  {
    name: 'a path parameter is renamed: same operation',
    after: (d) => {
      d.paths['/charges/{charge}'] = d.paths['/charges/{id}'];
      delete d.paths['/charges/{id}'];
      d.paths['/charges/{charge}'].parameters[0].name = 'charge';
    },
    expected: [['request-path-parameter-renamed', 'info', 'GET /charges/{charge}', '/parameters/path/charge']],
    quietFor: ['request-operation-removed', 'request-operation-added', 'request-parameter-removed', 'request-required-parameter-added', 'request-operation-id-changed'],
  },
  // parameters
  { name: 'a parameter is removed', after: (d) => d.paths['/charges'].get.parameters.splice(0, 1), expected: [['request-parameter-removed', 'warning', GET, '/parameters/query/limit']] },
  { name: 'a required parameter is added', after: (d) => d.paths['/charges'].get.parameters.push({ name: 'customer', in: 'query', required: true, schema: { type: 'string' } }), expected: [['request-required-parameter-added', 'breaking', GET, '/parameters/query/customer']] },
  { name: 'an optional parameter is added', after: (d) => d.paths['/charges'].get.parameters.push({ name: 'cursor', in: 'query', schema: { type: 'string' } }), expected: [['request-optional-parameter-added', 'info', GET, '/parameters/query/cursor']] },
  { name: 'a parameter becomes required', after: (d) => (d.paths['/charges'].get.parameters[0].required = true), expected: [['request-parameter-became-required', 'breaking', GET, '/parameters/query/limit/required']] },
  { name: 'a parameter becomes optional', after: (d) => (d.paths['/charges'].get.parameters[1].required = false), expected: [['request-parameter-became-optional', 'info', GET, '/parameters/header/X-Trace/required']] },
  {
    name: 'a header parameter changes case only',
    after: (d) => (d.paths['/charges'].get.parameters[1].name = 'x-trace'),
    expected: [],
    quietFor: ['request-parameter-removed', 'request-required-parameter-added', 'request-optional-parameter-added', 'request-parameter-became-required', 'request-parameter-became-optional'],
  },
  { name: 'a parameter is deprecated', after: (d) => (d.paths['/charges'].get.parameters[0].deprecated = true), expected: [['request-parameter-deprecated', 'warning', GET, '/parameters/query/limit/deprecated']] },
  { name: 'a parameter is no longer exploded', after: (d) => (d.paths['/charges'].get.parameters[0].explode = false), expected: [['request-parameter-serialization-changed', 'warning', GET, '/parameters/query/limit/style']] },
  {
    name: 'a parameter spells out its default serialization',
    after: (d) => Object.assign(d.paths['/charges'].get.parameters[0], { style: 'form', explode: true }),
    expected: [],
    quietFor: ['request-parameter-serialization-changed', 'request-parameter-deprecated', 'request-path-parameter-renamed'],
  },
  { name: 'a parameter schema narrows (schema rules, request side)', after: (d) => (d.paths['/charges'].get.parameters[0].schema = { type: 'string' }), expected: [['request-type-changed', 'breaking', GET, '/parameters/query/limit/schema']] },
  // request bodies
  { name: 'a required body is added', after: (d) => (d.paths['/charges/{id}'].get.requestBody = { required: true, content: { 'application/json': { schema: { type: 'object' } } } }), expected: [['request-required-body-added', 'breaking', GET_ONE, '/requestBody']], quietFor: ['request-optional-body-added'] },
  { name: 'an optional body is added', after: (d) => (d.paths['/charges/{id}'].get.requestBody = { content: { 'application/json': { schema: { type: 'object' } } } }), expected: [['request-optional-body-added', 'info', GET_ONE, '/requestBody']], quietFor: ['request-required-body-added'] },
  { name: 'the body is removed', after: (d) => delete d.paths['/charges'].post.requestBody, expected: [['request-body-removed', 'warning', POST, '/requestBody']] },
  { name: 'the body becomes optional', after: (d) => (d.paths['/charges'].post.requestBody.required = false), expected: [['request-body-became-optional', 'info', POST, '/requestBody/required']] },
  { name: 'the body becomes required', before: (d) => (d.paths['/charges'].post.requestBody.required = false), after: () => undefined, expected: [['request-body-became-required', 'breaking', POST, '/requestBody/required']] },
  {
    name: 'the body is sent as a form instead of JSON',
    after: (d) => {
      const body = d.paths['/charges'].post.requestBody;
      body.content = { 'application/x-www-form-urlencoded': body.content['application/json'] };
    },
    expected: [
      ['request-media-type-removed', 'breaking', POST, '/requestBody/content/application~1json'],
      ['request-media-type-added', 'info', POST, '/requestBody/content/application~1x-www-form-urlencoded'],
    ],
  },
  {
    name: 'a media type changes case only',
    after: (d) => {
      const body = d.paths['/charges'].post.requestBody;
      body.content = { 'Application/JSON': body.content['application/json'] };
    },
    expected: [],
    quietFor: ['request-body-became-required', 'request-body-became-optional', 'request-media-type-removed', 'request-media-type-added', 'request-body-removed'],
  },
  { name: 'a request body gains a required property (schema rules, request side)', after: (d) => { const s = d.paths['/charges'].post.requestBody.content['application/json'].schema; s.properties.currency = { type: 'string' }; s.required.push('currency'); }, expected: [['request-required-property-added', 'breaking', POST, '/requestBody/content/application~1json/schema/properties/currency']] },
  // responses
  {
    name: 'a success status is replaced by another',
    after: (d) => {
      const responses = d.paths['/charges'].post.responses;
      responses['200'] = responses['201'];
      delete responses['201'];
    },
    expected: [
      ['response-success-status-removed', 'breaking', POST, '/responses/201'],
      ['response-success-status-added', 'warning', POST, '/responses/200'],
    ], quietFor: ['response-non-success-status-removed', 'response-non-success-status-added'] },
  { name: 'an error status is no longer documented', after: (d) => delete d.paths['/charges'].get.responses['404'], expected: [['response-non-success-status-removed', 'info', GET, '/responses/404']], quietFor: ['response-success-status-removed'] },
  { name: 'an error status is documented', after: (d) => (d.paths['/charges'].get.responses['429'] = { description: 'slow down' }), expected: [['response-non-success-status-added', 'info', GET, '/responses/429']], quietFor: ['response-success-status-added'] },
  {
    name: 'a response is served as HAL instead of JSON',
    after: (d) => {
      const response = d.paths['/charges/{id}'].get.responses['200'];
      response.content = { 'application/hal+json': response.content['application/json'] };
    },
    expected: [
      ['response-media-type-removed', 'breaking', GET_ONE, '/responses/200/content/application~1json'],
      ['response-media-type-added', 'info', GET_ONE, '/responses/200/content/application~1hal+json'],
    ],
  },
  {
    name: 'a response status is written in lower case',
    before: (d) => (d.paths['/charges/{id}'].get.responses = { '2XX': d.paths['/charges/{id}'].get.responses['200'] }),
    after: (d) => (d.paths['/charges/{id}'].get.responses = { '2xx': d.paths['/charges/{id}'].get.responses['200'] }),
    expected: [],
    quietFor: ['response-success-status-removed', 'response-success-status-added', 'response-media-type-removed', 'response-media-type-added'],
  },
  // response headers
  { name: 'a required response header is removed', after: (d) => delete d.paths['/charges'].get.responses['200'].headers['X-Request-Id'], expected: [['response-required-header-removed', 'breaking', GET, '/responses/200/headers/x-request-id']] },
  { name: 'an optional response header is removed', after: (d) => delete d.paths['/charges'].get.responses['200'].headers['X-Rate-Remaining'], expected: [['response-optional-header-removed', 'warning', GET, '/responses/200/headers/x-rate-remaining']], quietFor: ['response-required-header-removed'] },
  { name: 'a response header is added', after: (d) => (d.paths['/charges'].get.responses['200'].headers['X-Idempotent-Replay'] = { schema: { type: 'boolean' } }), expected: [['response-header-added', 'info', GET, '/responses/200/headers/x-idempotent-replay']] },
  { name: 'a response header becomes optional', after: (d) => (d.paths['/charges'].get.responses['200'].headers['X-Request-Id'].required = false), expected: [['response-header-became-optional', 'breaking', GET, '/responses/200/headers/x-request-id/required']] },
  { name: 'a response header becomes required', after: (d) => (d.paths['/charges'].get.responses['200'].headers['X-Rate-Remaining'].required = true), expected: [['response-header-became-required', 'info', GET, '/responses/200/headers/x-rate-remaining/required']] },
  { name: 'a response header is deprecated', after: (d) => (d.paths['/charges'].get.responses['200'].headers['X-Rate-Remaining'].deprecated = true), expected: [['response-header-deprecated', 'warning', GET, '/responses/200/headers/x-rate-remaining/deprecated']] },
  {
    name: 'a response header changes case only',
    after: (d) => {
      const headers = d.paths['/charges'].get.responses['200'].headers;
      headers['x-request-id'] = headers['X-Request-Id'];
      delete headers['X-Request-Id'];
    },
    expected: [],
    quietFor: ['response-required-header-removed', 'response-optional-header-removed', 'response-header-added', 'response-header-became-optional', 'response-header-became-required', 'response-header-deprecated'],
  },
  { name: 'a response header may now be a string (schema rules, response side)', after: (d) => (d.paths['/charges'].get.responses['200'].headers['X-Rate-Remaining'].schema = { type: ['integer', 'string'] }), expected: [['response-type-widened', 'breaking', GET, '/responses/200/headers/x-rate-remaining/schema']] },
  // security requirements
  { name: 'a public operation now needs credentials', before: (d) => (d.paths['/charges/{id}'].get.security = []), after: () => undefined, expected: [['request-security-added', 'breaking', GET_ONE, '/security']] },
  { name: 'an operation becomes public', after: (d) => (d.paths['/charges'].get.security = []), expected: [['request-security-removed', 'info', GET, '/security']], quietFor: ['request-security-added'] },
  {
    name: 'the API takes an API key instead of a bearer token',
    after: (d) => (d.security = [{ key: [] }]),
    expected: [
      ['request-security-alternative-removed', 'breaking', undefined, '/security'],
      ['request-security-alternative-added', 'info', undefined, '/security'],
    ],
  },
  { name: 'the API also takes an API key', after: (d) => d.security.push({ key: [] }), expected: [['request-security-alternative-added', 'info', undefined, '/security']], quietFor: ['request-security-alternative-removed'] },
  {
    name: 'the alternatives are listed in another order',
    before: (d) => (d.security = [{ bearer: [] }, { key: [] }]),
    after: (d) => (d.security = [{ key: [] }, { bearer: [] }]),
    expected: [],
    quietFor: ['request-security-alternative-removed', 'request-security-alternative-added', 'request-security-added', 'request-security-removed'],
  },
  { name: 'an operation needs one more scope', after: (d) => d.paths['/charges'].post.security[0].oauth.push('charges:admin'), expected: [['request-security-scope-added', 'breaking', POST, '/security/oauth']], quietFor: ['request-security-scope-removed'] },
  { name: 'an operation needs one scope fewer', after: (d) => (d.paths['/charges'].post.security[0].oauth = []), expected: [['request-security-scope-removed', 'info', POST, '/security/oauth']], quietFor: ['request-security-scope-added'] },
  // security schemes
  { name: 'a security scheme is removed', after: (d) => delete d.components.securitySchemes.oidc, expected: [['request-security-scheme-removed', 'breaking', undefined, '/components/securitySchemes/oidc']] },
  { name: 'a security scheme is added', after: (d) => (d.components.securitySchemes.basic = { type: 'http', scheme: 'basic' }), expected: [['request-security-scheme-added', 'info', undefined, '/components/securitySchemes/basic']] },
  { name: 'a bearer scheme becomes basic', after: (d) => (d.components.securitySchemes.bearer = { type: 'http', scheme: 'basic' }), expected: [['request-security-scheme-type-changed', 'breaking', undefined, '/components/securitySchemes/bearer/type']], quietFor: ['request-security-scheme-removed', 'request-security-scheme-added'] },
  {
    name: 'an HTTP scheme name changes case only',
    after: (d) => (d.components.securitySchemes.bearer.scheme = 'Bearer'),
    expected: [],
    quietFor: ['request-security-scheme-type-changed', 'request-security-scheme-bearer-format-changed', 'request-security-scheme-location-changed'],
  },
  { name: 'an API key moves to the query', after: (d) => (d.components.securitySchemes.key.in = 'query'), expected: [['request-security-scheme-location-changed', 'breaking', undefined, '/components/securitySchemes/key/in']] },
  { name: 'a bearer format changes', after: (d) => (d.components.securitySchemes.bearer.bearerFormat = 'JWT'), expected: [['request-security-scheme-bearer-format-changed', 'info', undefined, '/components/securitySchemes/bearer/bearerFormat']] },
  {
    name: 'client credentials give way to authorization code',
    after: (d) => (d.components.securitySchemes.oauth.flows = { authorizationCode: { authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token', scopes: {} } }),
    expected: [
      ['request-oauth-flow-removed', 'breaking', undefined, '/components/securitySchemes/oauth/flows/clientCredentials'],
      ['request-oauth-flow-added', 'info', undefined, '/components/securitySchemes/oauth/flows/authorizationCode'],
    ],
  },
  { name: 'the token URL moves', after: (d) => (d.components.securitySchemes.oauth.flows.clientCredentials.tokenUrl = 'https://login.example.com/token'), expected: [['request-oauth-url-changed', 'warning', undefined, '/components/securitySchemes/oauth/flows/clientCredentials/tokenUrl']], quietFor: ['request-oauth-flow-removed', 'request-oauth-flow-added'] },
  { name: 'an OAuth scope is withdrawn', after: (d) => delete d.components.securitySchemes.oauth.flows.clientCredentials.scopes['charges:read'], expected: [['request-oauth-scope-removed', 'warning', undefined, '/components/securitySchemes/oauth/flows/clientCredentials/scopes/charges:read']], quietFor: ['request-oauth-scope-added'] },
  { name: 'an OAuth scope is offered', after: (d) => (d.components.securitySchemes.oauth.flows.clientCredentials.scopes['refunds:read'] = ''), expected: [['request-oauth-scope-added', 'info', undefined, '/components/securitySchemes/oauth/flows/clientCredentials/scopes/refunds:read']], quietFor: ['request-oauth-scope-removed', 'request-oauth-url-changed'] },
  { name: 'the OpenID Connect URL moves', after: (d) => (d.components.securitySchemes.oidc.openIdConnectUrl = 'https://login.example.com/.well-known/openid-configuration'), expected: [['request-openid-connect-url-changed', 'warning', undefined, '/components/securitySchemes/oidc/openIdConnectUrl']] },
  {
    name: 'a security scheme gains a description',
    after: (d) => (d.components.securitySchemes.oidc.description = 'Sign in with the example identity provider'),
    expected: [],
    quietFor: ['request-openid-connect-url-changed', 'request-security-scheme-type-changed'],
  },
  // servers
  { name: 'the server moves to v2', after: (d) => (d.servers = [{ url: 'https://api.example.com/v2' }]), expected: [['request-server-changed', 'breaking', undefined, '/servers']] },
  { name: 'a server is added', after: (d) => d.servers.push({ url: 'https://eu.api.example.com/v1' }), expected: [['request-server-added', 'info', undefined, '/servers']], quietFor: ['request-server-changed'] },
  { name: 'a server is removed', before: (d) => d.servers.push({ url: 'https://eu.api.example.com/v1' }), after: () => undefined, expected: [['request-server-removed', 'breaking', undefined, '/servers']] },
  {
    name: 'a server URL gains a trailing slash, or is written with a variable at its default',
    after: (d) => (d.servers = [{ url: 'https://{host}/v1/', variables: { host: { default: 'api.example.com' } } }]),
    expected: [],
    quietFor: ['request-server-changed', 'request-server-added', 'request-server-removed'],
  },
  { name: 'one operation moves to another server', after: (d) => (d.paths['/charges/{id}'].servers = [{ url: 'https://files.example.com' }]), expected: [['request-server-changed', 'breaking', GET_ONE, '/servers']] },
];

function documents(scenario: Scenario): [Doc, Doc] {
  const before = baseSpec();
  scenario.before?.(before);
  const after = baseSpec();
  scenario.after(after);
  return [before, after];
}

describe('spec rules: each scenario gives exactly the expected changes', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const [before, after] = documents(scenario);
    expect(summary(specChanges(before, after))).toEqual(scenario.expected);
  });

  it('reports nothing for two copies of one document', () => {
    expect(specChanges(baseSpec(), baseSpec())).toEqual([]);
  });
});

describe('the spec rule catalogue', () => {
  const specIds = specRules.flatMap((family) => family.definitions.map((d) => d.id));

  it('has every spec rule firing in one scenario and quiet in a near miss', () => {
    const fired = new Set(scenarios.flatMap((s) => s.expected.map((row) => row[0])));
    const quiet = new Set(scenarios.flatMap((s) => s.quietFor ?? []));
    for (const scenario of scenarios) {
      for (const id of scenario.quietFor ?? []) expect(scenario.expected.map((row) => row[0]), `${scenario.name} must be quiet for ${id}`).not.toContain(id);
    }
    expect(specIds.filter((id) => !fired.has(id))).toEqual([]);
    expect(specIds.filter((id) => !quiet.has(id))).toEqual([]);
  });

  it('registers the spec rules beside the schema rules, with levels, docs and messages', () => {
    const ids = new Set(allRules().map((r) => r.id));
    for (const id of specIds) expect(ids.has(id)).toBe(true);
    expect(specIds.length).toBeGreaterThanOrEqual(50);
    for (const rule of specRules.flatMap((f) => f.definitions)) {
      expect(rule.id).toMatch(/^(request|response)-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.doc.length).toBeGreaterThan(10);
      expect(rule.message.length).toBeGreaterThan(5);
    }
  });
});
