import { diffSpecs, type SpecDiffOptions } from '../../src/diff/openapi/diff-specs.js';
import type { Change } from '../../src/diff/types.js';
import { specFromValue } from '../../src/spec/load.js';

/** A small OpenAPI 3.0 document with one of everything the spec rules look at. */
export function baseSpec(): Record<string, any> {
  return {
    openapi: '3.0.3',
    info: { title: 'Payments', version: '1' },
    servers: [{ url: 'https://api.example.com/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'opaque' },
        key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { 'charges:read': '', 'charges:write': '' } } } },
        oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration' },
      },
      schemas: {
        Charge: { type: 'object', properties: { id: { type: 'string' }, amount: { type: 'integer' } }, required: ['id', 'amount'] },
        Error: { type: 'object', properties: { message: { type: 'string' } } },
      },
    },
    paths: {
      '/charges': {
        get: {
          operationId: 'listCharges',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer' } },
            { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'ok',
              headers: { 'X-Request-Id': { required: true, schema: { type: 'string' } }, 'X-Rate-Remaining': { schema: { type: 'integer' } } },
              content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Charge' } } } } } },
            },
            '404': { description: 'none', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          },
        },
        post: {
          operationId: 'createCharge',
          security: [{ oauth: ['charges:write'] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', properties: { amount: { type: 'integer' } }, required: ['amount'] } } },
          },
          responses: { '201': { description: 'created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Charge' } } } } },
        },
      },
      '/charges/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'getCharge',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Charge' } } } } },
        },
      },
    },
  };
}

/** Diffs two documents given as values, reporting what tests compare: id, level, operation, path. */
export function specChanges(before: unknown, after: unknown, options: SpecDiffOptions = {}): Change[] {
  return diffSpecs(specFromValue(before, 'before.json'), specFromValue(after, 'after.json'), options);
}

export function summary(changes: Change[]): [string, string, string | undefined, string][] {
  return changes.map((c) => [c.id, c.level, c.operation, c.path]);
}
