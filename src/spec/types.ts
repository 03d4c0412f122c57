import type { JsonSchema } from '../schema/types.js';

export type SpecVersion = 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type SpecMethod = (typeof HTTP_METHODS)[number];

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/** Which alternatives of credentials an operation accepts: any one entry (scheme name → scopes) suffices. */
export type SecurityRequirement = Record<string, string[]>;

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  /** How the value is written on the wire (OpenAPI 3 `style`/`explode`, or Swagger 2 `collectionFormat`). */
  serialization: string | undefined;
  schema: JsonSchema | undefined;
}

export interface MediaType {
  schema: JsonSchema | undefined;
}

export interface RequestBody {
  required: boolean;
  /** Keyed by media type, lower-cased. */
  content: Record<string, MediaType>;
}

export interface Header {
  required: boolean;
  deprecated: boolean;
  schema: JsonSchema | undefined;
}

export interface Response {
  /** Keyed by media type, lower-cased. */
  content: Record<string, MediaType>;
  /** Keyed by header name, lower-cased. */
  headers: Record<string, Header>;
}

export interface Operation {
  /** `METHOD /path` as the document writes the path, e.g. `GET /v1/charges/{charge}`. */
  key: string;
  method: SpecMethod;
  path: string;
  operationId: string | undefined;
  deprecated: boolean;
  /** Keyed by `in` and name (`query/limit`); path parameters by position (`path/0`), header names lower-cased. */
  parameters: Record<string, Parameter>;
  requestBody: RequestBody | undefined;
  /** Keyed by status code (`200`, `4XX`, `default`). */
  responses: Record<string, Response>;
  /** The operation's own security requirements; undefined when it inherits the document's. */
  security: SecurityRequirement[] | undefined;
  /** The operation's (or its path's) own servers; undefined when it inherits the document's. */
  servers: string[] | undefined;
}

export interface OAuthFlow {
  authorizationUrl: string | undefined;
  tokenUrl: string | undefined;
  scopes: string[];
}

export interface SecurityScheme {
  /** `http`, `apiKey`, `oauth2`, `openIdConnect`, `mutualTLS` (Swagger 2 `basic` becomes `http`). */
  type: string;
  /** HTTP auth scheme (`basic`, `bearer`), lower-cased. */
  scheme: string | undefined;
  bearerFormat: string | undefined;
  /** apiKey: where the key goes and under which name. */
  in: string | undefined;
  name: string | undefined;
  flows: Record<string, OAuthFlow>;
  openIdConnectUrl: string | undefined;
}

/**
 * An OpenAPI 3.0/3.1 or Swagger 2.0 document in one model: operations by `METHOD /path`, with
 * path-level parameters merged in and every `$ref` outside schemas resolved. Schemas keep their
 * `$ref`s; they resolve against `root`.
 */
export interface SpecDocument {
  /** File or URL it was read from, for messages. */
  source: string;
  version: SpecVersion;
  root: Record<string, unknown>;
  servers: string[];
  security: SecurityRequirement[];
  securitySchemes: Record<string, SecurityScheme>;
  /** Keyed by the operation's match key (see `operationMatchKey`). */
  operations: Record<string, Operation>;
}
