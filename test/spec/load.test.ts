import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SpecLoadError } from '../../src/spec/errors.js';
import { loadSpecText, specFromValue } from '../../src/spec/load.js';
import { baseSpec, specChanges, summary } from './fixtures.js';

/** The base spec's GET /charges/{id} and POST /charges, written as Swagger 2.0. */
function swaggerSpec(): Record<string, any> {
  return {
    swagger: '2.0',
    info: { title: 'Payments', version: '1' },
    host: 'api.example.com',
    basePath: '/v1',
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    securityDefinitions: { basic: { type: 'basic' }, oauth: { type: 'oauth2', flow: 'application', tokenUrl: 'https://auth.example.com/token', scopes: { 'charges:write': '' } } },
    security: [{ basic: [] }],
    definitions: { Charge: { type: 'object', properties: { id: { type: 'string' }, amount: { type: 'integer' } }, required: ['id', 'amount'] } },
    paths: {
      '/charges/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
        get: { operationId: 'getCharge', parameters: [{ name: 'expand', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'multi' }], responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Charge' }, headers: { 'X-Request-Id': { type: 'string' } } } } },
      },
      '/charges': {
        post: { operationId: 'createCharge', parameters: [{ name: 'body', in: 'body', required: true, schema: { type: 'object', properties: { amount: { type: 'integer' } }, required: ['amount'] } }], responses: { '201': { description: 'created', schema: { $ref: '#/definitions/Charge' } } } },
      },
      '/charges/{id}/receipt': {
        post: { consumes: ['multipart/form-data'], parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }, { name: 'file', in: 'formData', type: 'file', required: true }, { name: 'note', in: 'formData', type: 'string' }], responses: { '204': { description: 'stored' } } },
      },
    },
  };
}

/** The same API as `swaggerSpec`, written as OpenAPI 3.0. */
function sameAsOpenApi3(): Record<string, any> {
  return {
    openapi: '3.0.0',
    info: { title: 'Payments', version: '1' },
    servers: [{ url: 'https://api.example.com/v1' }],
    security: [{ basic: [] }],
    components: {
      securitySchemes: { basic: { type: 'http', scheme: 'basic' }, oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { 'charges:write': '' } } } } },
      schemas: { Charge: { type: 'object', properties: { id: { type: 'string' }, amount: { type: 'integer' } }, required: ['id', 'amount'] } },
    },
    paths: {
      '/charges/{charge}': {
        get: {
          operationId: 'getCharge',
          parameters: [{ name: 'charge', in: 'path', required: true, schema: { type: 'string' } }, { name: 'expand', in: 'query', schema: { type: 'array', items: { type: 'string' } } }],
          responses: { '200': { description: 'ok', headers: { 'X-Request-Id': { schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Charge' } } } } },
        },
      },
      '/charges': {
        post: {
          operationId: 'createCharge',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { amount: { type: 'integer' } }, required: ['amount'] } } } },
          responses: { '201': { description: 'created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Charge' } } } } },
        },
      },
      '/charges/{id}/receipt': {
        post: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, note: { type: 'string' } }, required: ['file'] } } } },
          responses: { '204': { description: 'stored' } },
        },
      },
    },
  };
}

describe('loading API descriptions', () => {
  it('reads OpenAPI 3.0 from JSON and from YAML into the same model', () => {
    const fromJson = loadSpecText(JSON.stringify(baseSpec()), 'spec.json');
    const fromYaml = loadSpecText(stringify(baseSpec()), 'spec.yaml');
    expect(fromYaml.version).toBe('openapi-3.0');
    expect(fromYaml.operations).toEqual(fromJson.operations);
    expect(Object.values(fromJson.operations).map((o) => o.key)).toEqual(['GET /charges', 'POST /charges', 'GET /charges/{id}']);
    expect(fromJson.operations['GET /charges/{}']!.parameters['path/0']).toEqual({ name: 'id', in: 'path', required: true, deprecated: false, serialization: 'simple', schema: { type: 'string' } });
  });

  it('reads OpenAPI 3.1 (type arrays for null) and compares it with 3.0 (nullable) without inventing changes', () => {
    const v30 = baseSpec();
    v30.components.schemas.Charge.properties.amount = { type: 'integer', nullable: true };
    const v31 = baseSpec();
    v31.openapi = '3.1.0';
    v31.components.schemas.Charge.properties.amount = { type: ['integer', 'null'] };
    expect(specFromValue(v31, 'v31.json').version).toBe('openapi-3.1');
    expect(specChanges(v30, v31)).toEqual([]);
  });

  it('normalises Swagger 2.0 to the OpenAPI 3 model: a 2.0 and a 3.0 description of one API do not differ', () => {
    const swagger = specFromValue(swaggerSpec(), 'swagger.json');
    expect(swagger.version).toBe('swagger-2.0');
    expect(swagger.servers).toEqual(['https://api.example.com/v1']);
    expect(swagger.operations['GET /charges/{}']!.parameters['query/expand']!.serialization).toBe('form, explode');
    expect(specChanges(swaggerSpec(), sameAsOpenApi3()).filter((c) => c.id !== 'request-path-parameter-renamed')).toEqual([]);
    expect(summary(specChanges(swaggerSpec(), sameAsOpenApi3()))).toEqual([['request-path-parameter-renamed', 'info', 'GET /charges/{charge}', '/parameters/path/charge']]);
  });

  it('diffs two Swagger 2.0 versions: a body parameter becoming optional, a definition losing a property', () => {
    const after = swaggerSpec();
    after.paths['/charges'].post.parameters[0].required = false;
    delete after.definitions.Charge.properties.amount;
    after.definitions.Charge.required = ['id'];
    expect(summary(specChanges(swaggerSpec(), after))).toEqual([
      ['response-property-removed', 'breaking', 'GET /charges/{id}', '/responses/200/content/application~1json/schema/properties/amount'],
      ['response-property-removed', 'breaking', 'POST /charges', '/responses/201/content/application~1json/schema/properties/amount'],
      ['request-body-became-optional', 'info', 'POST /charges', '/requestBody/required'],
    ]);
  });

  it('names the file in every error: not a spec, unsupported version, invalid JSON or YAML, broken references', () => {
    const error = (text: string, source = 'vendor.yaml') => {
      try {
        loadSpecText(text, source);
      } catch (e) {
        expect(e).toBeInstanceOf(SpecLoadError);
        return (e as Error).message;
      }
      throw new Error('expected a SpecLoadError');
    };
    expect(error('{"type": "object"}', 'schema.json')).toBe('schema.json: is not an OpenAPI or Swagger document (no `openapi: 3.x` or `swagger: "2.0"` field)');
    expect(error('openapi: 4.0.0\npaths: {}')).toBe('vendor.yaml: declares version "4.0.0", which driftwatch does not read (OpenAPI 3.0, 3.1 and Swagger 2.0 are supported)');
    expect(error('{"openapi": "3.0.0", ', 'spec.json')).toMatch(/^spec\.json: is not valid JSON \(/);
    expect(error('openapi: 3.0.0\npaths:\n  /a: [unclosed')).toMatch(/^vendor\.yaml: is not valid YAML or JSON \(/);
    expect(error('')).toBe('vendor.yaml: is empty');
    const cyclic: Record<string, any> = { ...baseSpec(), paths: { '/a': { get: { parameters: [{ $ref: '#/components/parameters/A' }], responses: {} } } } };
    cyclic.components.parameters = { A: { $ref: '#/components/parameters/B' }, B: { $ref: '#/components/parameters/A' } };
    expect(error(JSON.stringify(cyclic))).toBe('vendor.yaml: paths/~1a/get/parameters/0: $ref "#/components/parameters/A" refers to itself through a cycle');
    const dangling = { ...baseSpec(), paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/Gone' } } } } } };
    expect(error(JSON.stringify(dangling))).toBe('vendor.yaml: paths/~1a/get/responses/200: $ref "#/components/responses/Gone" points at nothing in the document');
    const external = { ...baseSpec(), paths: { '/a': { get: { parameters: [{ $ref: 'common.yaml#/parameters/Limit' }], responses: {} } } } };
    expect(error(JSON.stringify(external))).toBe('vendor.yaml: paths/~1a/get/parameters/0: external $ref "common.yaml#/parameters/Limit" is not followed (external references are off)');
  });

  it('compares external schema references by name only: they are not fetched', () => {
    const before = baseSpec();
    before.paths['/charges/{id}'].get.responses['200'].content['application/json'].schema = { $ref: 'https://schemas.example.com/charge.json' };
    const after = structuredClone(before);
    expect(specChanges(before, after)).toEqual([]);
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const lines = ['openapi: 3.0.0', 'info: {title: t, version: "1"}', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    lines.push('paths: {}');
    expect(() => loadSpecText(lines.join('\n'), 'bomb.yaml')).toThrow(/^bomb\.yaml: cannot be read as YAML \(.*[Ee]xcessive alias count/);
  });

  it('resolves path items, parameters, request bodies, responses and headers given by $ref', () => {
    const doc = baseSpec();
    doc.components.parameters = { Limit: { name: 'limit', in: 'query', schema: { type: 'integer' } } };
    doc.components.headers = { RequestId: { required: true, schema: { type: 'string' } } };
    doc.components.requestBodies = { NewCharge: doc.paths['/charges'].post.requestBody };
    doc.components.responses = { Listed: doc.paths['/charges'].get.responses['200'] };
    const reffed = structuredClone(doc);
    reffed.paths['/charges'].get.parameters[0] = { $ref: '#/components/parameters/Limit' };
    reffed.components.responses.Listed.headers['X-Request-Id'] = { $ref: '#/components/headers/RequestId' };
    reffed.paths['/charges'].get.responses['200'] = { $ref: '#/components/responses/Listed' };
    reffed.paths['/charges'].post.requestBody = { $ref: '#/components/requestBodies/NewCharge' };
    expect(specChanges(doc, reffed)).toEqual([]);
  });
});
