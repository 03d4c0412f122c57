import { escapeToken } from '../diff/pointer.js';
import { SpecLoadError } from './errors.js';
import {
  deref,
  isObject,
  normalizeServerUrl,
  objectAt,
  parameterKey,
  PARAMETER_LOCATIONS,
  schemaAt,
  securityAt,
  stringAt,
  type JsonObject,
} from './model-helpers.js';
import { operationMatchKey } from './operation-key.js';
import {
  HTTP_METHODS,
  type Header,
  type MediaType,
  type OAuthFlow,
  type Operation,
  type Parameter,
  type ParameterLocation,
  type RequestBody,
  type Response,
  type SecurityScheme,
  type SpecDocument,
  type SpecVersion,
} from './types.js';

/** Builds the model of an OpenAPI 3.0 or 3.1 document. */
export function buildOpenApi3(root: JsonObject, source: string, version: SpecVersion): SpecDocument {
  const components = objectAt(root.components);
  const servers = serversAt(root.servers) ?? [];
  const operations: Record<string, Operation> = {};
  for (const [path, rawItem] of Object.entries(objectAt(root.paths))) {
    if (!path.startsWith('/')) continue;
    const itemWhere = `paths/${escapeToken(path)}`;
    const item = deref(root, rawItem, source, itemWhere);
    const pathParameters = item.parameters;
    const pathServers = serversAt(item.servers);
    for (const method of HTTP_METHODS) {
      if (!isObject(item[method])) continue;
      const where = `${itemWhere}/${method}`;
      const raw = item[method] as JsonObject;
      const key = `${method.toUpperCase()} ${path}`;
      const operation: Operation = {
        key,
        method,
        path,
        operationId: stringAt(raw.operationId),
        deprecated: raw.deprecated === true,
        parameters: parametersOf(root, source, where, path, pathParameters, raw.parameters),
        requestBody: raw.requestBody === undefined ? undefined : requestBodyOf(root, source, `${where}/requestBody`, raw.requestBody),
        responses: responsesOf(root, source, where, raw.responses),
        security: securityAt(raw.security),
        servers: serversAt(raw.servers) ?? pathServers,
      };
      const match = operationMatchKey(key);
      if (operations[match]) throw new SpecLoadError(source, `${key} and ${operations[match]!.key} are the same operation`);
      operations[match] = operation;
    }
  }
  const securitySchemes: Record<string, SecurityScheme> = {};
  for (const [name, raw] of Object.entries(objectAt(components.securitySchemes))) {
    securitySchemes[name] = securitySchemeOf(deref(root, raw, source, `components/securitySchemes/${escapeToken(name)}`));
  }
  return { source, version, root, servers, security: securityAt(root.security) ?? [], securitySchemes, operations };
}

function serversAt(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isObject).map((server) => {
    let url = stringAt(server.url) ?? '/';
    // Server variables are written with their defaults: the URL the consumer calls unless it chooses otherwise.
    for (const [name, variable] of Object.entries(objectAt(server.variables))) {
      const fallback = stringAt(objectAt(variable).default);
      if (fallback !== undefined) url = url.split(`{${name}}`).join(fallback);
    }
    return normalizeServerUrl(url);
  });
}

function parametersOf(root: JsonObject, source: string, where: string, path: string, ...lists: unknown[]): Record<string, Parameter> {
  const out: Record<string, Parameter> = {};
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((rawParameter, index) => {
      const raw = deref(root, rawParameter, source, `${where}/parameters/${index}`);
      const location = stringAt(raw.in) as ParameterLocation | undefined;
      const name = stringAt(raw.name);
      if (!location || !PARAMETER_LOCATIONS.includes(location) || name === undefined) return;
      // Operation-level parameters override path-level ones with the same name and location.
      out[parameterKey(location, name, path)] = {
        name,
        in: location,
        required: location === 'path' || raw.required === true,
        deprecated: raw.deprecated === true,
        serialization: serializationOf(location, raw),
        schema: schemaAt(raw.schema) ?? firstContentSchema(raw.content),
      };
    });
  }
  return out;
}

const DEFAULT_STYLE: Record<ParameterLocation, string> = { path: 'simple', query: 'form', header: 'simple', cookie: 'form' };

function serializationOf(location: ParameterLocation, raw: JsonObject): string {
  if (isObject(raw.content)) return `content ${Object.keys(raw.content).join(',')}`;
  const style = stringAt(raw.style) ?? DEFAULT_STYLE[location];
  const explode = typeof raw.explode === 'boolean' ? raw.explode : style === 'form';
  return `${style}${explode ? ', explode' : ''}`;
}

function firstContentSchema(content: unknown): MediaType['schema'] {
  const first = Object.values(objectAt(content))[0];
  return schemaAt(objectAt(first).schema);
}

function contentOf(value: unknown): Record<string, MediaType> {
  const out: Record<string, MediaType> = {};
  for (const [mediaType, raw] of Object.entries(objectAt(value))) {
    out[mediaType.toLowerCase()] = { schema: schemaAt(objectAt(raw).schema) };
  }
  return out;
}

function requestBodyOf(root: JsonObject, source: string, where: string, value: unknown): RequestBody {
  const raw = deref(root, value, source, where);
  return { required: raw.required === true, content: contentOf(raw.content) };
}

function responsesOf(root: JsonObject, source: string, where: string, value: unknown): Record<string, Response> {
  const out: Record<string, Response> = {};
  for (const [status, rawResponse] of Object.entries(objectAt(value))) {
    if (status.startsWith('x-')) continue;
    const responseWhere = `${where}/responses/${status}`;
    const raw = deref(root, rawResponse, source, responseWhere);
    const headers: Record<string, Header> = {};
    for (const [name, rawHeader] of Object.entries(objectAt(raw.headers))) {
      const header = deref(root, rawHeader, source, `${responseWhere}/headers/${escapeToken(name)}`);
      headers[name.toLowerCase()] = {
        required: header.required === true,
        deprecated: header.deprecated === true,
        schema: schemaAt(header.schema) ?? firstContentSchema(header.content),
      };
    }
    out[status.toUpperCase() === 'DEFAULT' ? 'default' : status.toUpperCase()] = { content: contentOf(raw.content), headers };
  }
  return out;
}

export function securitySchemeOf(raw: JsonObject): SecurityScheme {
  const flows: Record<string, OAuthFlow> = {};
  for (const [name, flow] of Object.entries(objectAt(raw.flows))) {
    const f = objectAt(flow);
    flows[name] = { authorizationUrl: stringAt(f.authorizationUrl), tokenUrl: stringAt(f.tokenUrl), scopes: Object.keys(objectAt(f.scopes)).sort() };
  }
  return {
    type: stringAt(raw.type) ?? 'unknown',
    scheme: stringAt(raw.scheme)?.toLowerCase(),
    bearerFormat: stringAt(raw.bearerFormat),
    in: stringAt(raw.in),
    name: stringAt(raw.name),
    flows,
    openIdConnectUrl: stringAt(raw.openIdConnectUrl),
  };
}
