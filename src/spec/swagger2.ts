import { escapeToken } from '../diff/pointer.js';
import type { JsonSchema } from '../schema/types.js';
import { SpecLoadError } from './errors.js';
import { deref, isObject, normalizeServerUrl, objectAt, parameterKey, schemaAt, securityAt, stringAt, type JsonObject } from './model-helpers.js';
import { securitySchemeOf } from './openapi3.js';
import { operationMatchKey } from './operation-key.js';
import { HTTP_METHODS, type Header, type Operation, type Parameter, type RequestBody, type Response, type SecurityScheme, type SpecDocument } from './types.js';

/** Keywords a Swagger 2.0 non-body parameter, header or `items` shares with JSON Schema. */
const SCHEMA_KEYWORDS = [
  'format', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength',
  'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf',
] as const;

const OAUTH_FLOW_NAMES: Record<string, string> = {
  implicit: 'implicit',
  password: 'password',
  application: 'clientCredentials',
  accessCode: 'authorizationCode',
};

/**
 * Builds the model of a Swagger 2.0 document, written the way OpenAPI 3 says the same thing: a body
 * or formData parameter becomes the request body (one entry per `consumes` type), a response schema
 * is served as each `produces` type, `host`/`basePath`/`schemes` become servers, `basic` becomes
 * HTTP basic. Diffs of a Swagger 2.0 and an OpenAPI 3 version of one API compare like with like.
 */
export function buildSwagger2(root: JsonObject, source: string): SpecDocument {
  const globalConsumes = mediaTypes(root.consumes);
  const globalProduces = mediaTypes(root.produces);
  const operations: Record<string, Operation> = {};
  for (const [path, rawItem] of Object.entries(objectAt(root.paths))) {
    if (!path.startsWith('/')) continue;
    const itemWhere = `paths/${escapeToken(path)}`;
    const item = deref(root, rawItem, source, itemWhere);
    for (const method of HTTP_METHODS) {
      if (!isObject(item[method])) continue;
      const where = `${itemWhere}/${method}`;
      const raw = item[method] as JsonObject;
      const consumes = mediaTypes(raw.consumes) ?? globalConsumes ?? ['application/json'];
      const produces = mediaTypes(raw.produces) ?? globalProduces ?? ['application/json'];
      const { parameters, requestBody } = parametersOf(root, source, where, path, consumes, item.parameters, raw.parameters);
      const key = `${method.toUpperCase()} ${path}`;
      const match = operationMatchKey(key);
      if (operations[match]) throw new SpecLoadError(source, `${key} and ${operations[match]!.key} are the same operation`);
      operations[match] = {
        key,
        method,
        path,
        operationId: stringAt(raw.operationId),
        deprecated: raw.deprecated === true,
        parameters,
        requestBody,
        responses: responsesOf(root, source, where, raw.responses, produces),
        security: securityAt(raw.security),
        servers: undefined,
      };
    }
  }
  const securitySchemes: Record<string, SecurityScheme> = {};
  for (const [name, raw] of Object.entries(objectAt(root.securityDefinitions))) {
    securitySchemes[name] = securitySchemeOf2(deref(root, raw, source, `securityDefinitions/${escapeToken(name)}`));
  }
  return { source, version: 'swagger-2.0', root, servers: serversOf(root), security: securityAt(root.security) ?? [], securitySchemes, operations };
}

function mediaTypes(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
}

function serversOf(root: JsonObject): string[] {
  const host = stringAt(root.host);
  const basePath = stringAt(root.basePath) ?? '';
  if (host === undefined) return basePath ? [normalizeServerUrl(basePath)] : [];
  const schemes = mediaTypes(root.schemes) ?? ['https'];
  return schemes.map((scheme) => normalizeServerUrl(`${scheme}://${host}${basePath}`));
}

/** The JSON Schema a non-body parameter, a header or an `items` object describes. */
export function simpleSchema(raw: JsonObject): JsonSchema {
  const schema: JsonSchema = {};
  const type = stringAt(raw.type);
  if (type === 'file') {
    schema.type = 'string';
    schema.format = 'binary';
  } else if (type !== undefined) {
    schema.type = type as JsonSchema['type'];
  }
  for (const keyword of SCHEMA_KEYWORDS) {
    if (raw[keyword] !== undefined && !(type === 'file' && keyword === 'format')) (schema as Record<string, unknown>)[keyword] = raw[keyword];
  }
  if (isObject(raw.items)) schema.items = simpleSchema(raw.items);
  if (raw['x-nullable'] === true) schema.nullable = true;
  return schema;
}

/** A Swagger 2.0 `collectionFormat` written as the OpenAPI 3 style it means, so the two versions compare. */
function serializationOf(location: 'path' | 'query' | 'header', raw: JsonObject): string {
  const plain = location === 'query' ? 'form, explode' : 'simple';
  if (raw.type !== 'array') return plain;
  switch (stringAt(raw.collectionFormat) ?? 'csv') {
    case 'multi':
      return 'form, explode';
    case 'ssv':
      return 'spaceDelimited';
    case 'pipes':
      return 'pipeDelimited';
    case 'tsv':
      return 'tabDelimited';
    default:
      return location === 'query' ? 'form' : 'simple';
  }
}

function parametersOf(
  root: JsonObject,
  source: string,
  where: string,
  path: string,
  consumes: string[],
  ...lists: unknown[]
): { parameters: Record<string, Parameter>; requestBody: RequestBody | undefined } {
  const parameters: Record<string, Parameter> = {};
  let body: { schema: JsonSchema | undefined; required: boolean } | undefined;
  const formFields = new Map<string, { schema: JsonSchema; required: boolean }>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((rawParameter, index) => {
      const raw = deref(root, rawParameter, source, `${where}/parameters/${index}`);
      const location = stringAt(raw.in);
      const name = stringAt(raw.name);
      if (name === undefined) return;
      if (location === 'body') {
        body = { schema: schemaAt(raw.schema), required: raw.required === true };
      } else if (location === 'formData') {
        formFields.set(name, { schema: simpleSchema(raw), required: raw.required === true });
      } else if (location === 'path' || location === 'query' || location === 'header') {
        parameters[parameterKey(location, name, path)] = {
          name,
          in: location,
          required: location === 'path' || raw.required === true,
          deprecated: false,
          serialization: serializationOf(location, raw),
          schema: simpleSchema(raw),
        };
      }
    });
  }
  let requestBody: RequestBody | undefined;
  if (body) {
    requestBody = { required: body.required, content: Object.fromEntries(consumes.map((type) => [type, { schema: body!.schema }])) };
  } else if (formFields.size > 0) {
    const schema: JsonSchema = { type: 'object', properties: {} };
    const required: string[] = [];
    for (const [name, field] of formFields) {
      schema.properties![name] = field.schema;
      if (field.required) required.push(name);
    }
    if (required.length > 0) schema.required = required;
    const formTypes = consumes.filter((t) => t === 'multipart/form-data' || t === 'application/x-www-form-urlencoded');
    const types = formTypes.length > 0 ? formTypes : ['application/x-www-form-urlencoded'];
    requestBody = { required: required.length > 0, content: Object.fromEntries(types.map((type) => [type, { schema }])) };
  }
  return { parameters, requestBody };
}

function responsesOf(root: JsonObject, source: string, where: string, value: unknown, produces: string[]): Record<string, Response> {
  const out: Record<string, Response> = {};
  for (const [status, rawResponse] of Object.entries(objectAt(value))) {
    if (status.startsWith('x-')) continue;
    const raw = deref(root, rawResponse, source, `${where}/responses/${status}`);
    const headers: Record<string, Header> = {};
    for (const [name, header] of Object.entries(objectAt(raw.headers))) {
      if (isObject(header)) headers[name.toLowerCase()] = { required: false, deprecated: false, schema: simpleSchema(header) };
    }
    const schema = schemaAt(raw.schema);
    const content = schema ? Object.fromEntries(produces.map((type) => [type, { schema }])) : {};
    out[status.toUpperCase() === 'DEFAULT' ? 'default' : status.toUpperCase()] = { content, headers };
  }
  return out;
}

function securitySchemeOf2(raw: JsonObject): SecurityScheme {
  const type = stringAt(raw.type);
  if (type === 'basic') return { ...securitySchemeOf({}), type: 'http', scheme: 'basic' };
  if (type === 'oauth2') {
    const flow = OAUTH_FLOW_NAMES[stringAt(raw.flow) ?? ''] ?? stringAt(raw.flow) ?? 'unknown';
    return securitySchemeOf({
      type: 'oauth2',
      flows: { [flow]: { authorizationUrl: raw.authorizationUrl, tokenUrl: raw.tokenUrl, scopes: raw.scopes } },
    });
  }
  return securitySchemeOf(raw);
}
