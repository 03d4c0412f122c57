/** Patterns of the monitor file schema, each with what it means in the words of an error message. */
const PATTERNS = {
  name: { pattern: '^[a-z0-9][a-z0-9._-]*$', meaning: 'lower-case letters, digits, ".", "_" and "-", starting with a letter or digit' },
  pointer: { pattern: '^(/.*)?$', meaning: 'a JSON Pointer: empty or starting with "/", like /properties/customer' },
  operation: { pattern: '^[A-Za-z]+ /', meaning: 'an operation as "METHOD /path", like "GET /v1/charges"' },
  duration: { pattern: '^([0-9]+(ms|s|m|h|d)|never)$', meaning: 'a duration like 30s, 15m, 24h, 2d, or never' },
} as const;

/** What each pattern of the schema means, keyed by the pattern (ajv reports the pattern that failed). */
export const PATTERN_MEANINGS: Readonly<Record<string, string>> = Object.fromEntries(Object.values(PATTERNS).map((p) => [p.pattern, p.meaning]));

/**
 * The JSON Schema of a monitor file: the one source for validation (ajv), for the published
 * `schema/monitor.schema.json` (editor completion; regenerate with `npm run schema:write`) and for the
 * README's reference.
 */
export const monitorFileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://driftwatch.dev/schema/monitor.schema.json',
  title: 'driftwatch monitor',
  description: 'One vendor endpoint or spec document that driftwatch watches for schema drift.',
  type: 'object',
  required: ['name', 'kind', 'request'],
  additionalProperties: false,
  patternProperties: { '^x-': {} },
  properties: {
    name: {
      type: 'string',
      pattern: PATTERNS.name.pattern,
      maxLength: 100,
      description: 'Unique name of the monitor: lower-case letters, digits, dot, dash and underscore.',
    },
    kind: {
      enum: ['endpoint', 'openapi', 'jsonschema'],
      description: 'endpoint: a JSON API response; openapi: an OpenAPI/Swagger document; jsonschema: a published JSON Schema.',
    },
    description: { type: 'string' },
    schedule: {
      type: 'string',
      minLength: 1,
      description: 'Cron expression (5 or 6 fields) the daemon probes on. Default: every 15 minutes.',
    },
    timezone: { type: 'string', minLength: 1, description: 'IANA time zone of the schedule. Default: UTC.' },
    request: {
      type: 'object',
      required: ['url'],
      additionalProperties: false,
      properties: {
        method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], description: 'Default: GET.' },
        url: { type: 'string', minLength: 1, description: 'http(s) URL; `${ENV}` interpolation applies.' },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        query: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
        body: { description: 'JSON request body (sent with content-type application/json).' },
        timeoutMs: { type: 'integer', minimum: 1, maximum: 600000, description: 'Whole-request timeout. Default: 30000.' },
        maxBodyBytes: { type: 'integer', minimum: 1, description: 'Response size cap. Default: 10485760 (10 MB); 33554432 (32 MB) for openapi monitors.' },
        connectTimeoutMs: { type: 'integer', minimum: 1, maximum: 600000, description: 'Time to open the connection (TCP and TLS). Default: 10000.' },
        headersTimeoutMs: { type: 'integer', minimum: 1, maximum: 600000, description: 'Time from sending the request to the whole response head. Default: timeoutMs.' },
        bodyTimeoutMs: { type: 'integer', minimum: 1, maximum: 600000, description: 'Time from the response head to the last byte of the body. Default: timeoutMs.' },
        maxRedirects: { type: 'integer', minimum: 0, maximum: 20, description: 'Redirects followed; 0 follows none. Default: 5.' },
      },
    },
    auth: {
      description: 'How the probe authenticates. Put secrets in ${ENV} references or *_FILE files; they are never logged or stored.',
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string', description: 'apiKey, bearer, basic or oauth2.' } },
      discriminator: { propertyName: 'type' },
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            type: { const: 'apiKey' },
            in: { enum: ['header', 'query'], description: 'Where the key goes. Default: header.' },
            name: { type: 'string', minLength: 1, description: 'Header or query parameter name. Default: X-API-Key (header), api_key (query).' },
            prefix: { type: 'string', description: 'Text before the key in a header, e.g. "Token ". Default: none.' },
            key: { type: 'string', minLength: 1, description: 'The API key.' },
            keys: {
              type: 'array',
              minItems: 1,
              items: { type: 'string', minLength: 1 },
              description: 'Keys to rotate through: a 401 or 403 on the current key moves to the next, and the check reports it.',
            },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            type: { const: 'bearer' },
            token: { type: 'string', minLength: 1 },
            tokens: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Tokens to rotate through on 401/403.' },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          properties: {
            type: { const: 'basic' },
            username: { type: 'string' },
            password: { type: 'string' },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['tokenUrl', 'clientId'],
          properties: {
            type: { const: 'oauth2' },
            grant: { enum: ['client_credentials', 'refresh_token'], description: 'Default: client_credentials.' },
            tokenUrl: { type: 'string', minLength: 1 },
            clientId: { type: 'string', minLength: 1 },
            clientSecret: { type: 'string', minLength: 1 },
            refreshToken: { type: 'string', minLength: 1, description: 'Required with grant refresh_token.' },
            scope: { type: 'string' },
            audience: { type: 'string' },
            clientAuth: { enum: ['basic', 'body'], description: 'How the client authenticates at the token endpoint. Default: basic.' },
            refreshAheadMs: { type: 'integer', minimum: 0, description: 'Refresh a cached token this long before it expires. Default: 60000.' },
          },
        },
      ],
    },
    retry: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxAttempts: { type: 'integer', minimum: 1, maximum: 10, description: 'Attempts in all, the first included; 1 disables retries. Default: 3.' },
        initialDelayMs: { type: 'integer', minimum: 0, description: 'Cap of the first backoff (full jitter, doubling). Default: 500.' },
        maxDelayMs: { type: 'integer', minimum: 0, description: 'Largest backoff cap. Default: 30000.' },
        maxElapsedMs: { type: 'integer', minimum: 1, description: 'Bound on one probe, retries and waits included. Default: 60000.' },
        nonIdempotent: { type: 'boolean', description: 'Also retry POST and PATCH. Default: false.' },
      },
    },
    rateLimit: {
      type: 'object',
      additionalProperties: false,
      description: "Limits of the monitor's host, shared by every monitor of that host; the lowest setting wins.",
      properties: {
        rps: { type: 'number', exclusiveMinimum: 0, description: 'Requests per second. Default: 5.' },
        burst: { type: 'integer', minimum: 1, description: 'Requests allowed at once after a quiet spell. Default: 10.' },
        concurrency: { type: 'integer', minimum: 1, description: 'Probes in flight at once. Default: 8.' },
      },
    },
    circuitBreaker: {
      type: 'object',
      additionalProperties: false,
      description: "Breaker of the monitor's host, shared by every monitor of that host; the lowest setting wins.",
      properties: {
        threshold: { type: 'integer', minimum: 1, description: 'Consecutive failed probes that open the circuit. Default: 5.' },
        halfOpenAfterMs: { type: 'integer', minimum: 1, description: 'Time the circuit stays open before a trial probe. Default: 30000.' },
      },
    },
    learn: {
      type: 'object',
      additionalProperties: false,
      properties: {
        samples: { type: 'integer', minimum: 1, maximum: 100, description: 'Runs (one response each) the first baseline keeps learning over before changes are reported. Default: 1.' },
      },
    },
    ignore: {
      type: 'array',
      items: { type: 'string', pattern: PATTERNS.pointer.pattern },
      description: 'JSON Pointers into the schema whose changes are never reported; `*` matches one token.',
    },
    operations: {
      type: 'array',
      items: { type: 'string', pattern: PATTERNS.operation.pattern },
      description: 'openapi monitors: the operations the consumer calls, as `METHOD /path`. Default: all.',
    },
    externalRefs: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
      description:
        'openapi monitors: URL prefixes (e.g. https://schemas.example.com/) of documents that `$ref`s may be fetched from; a referenced document under none of them is not fetched. Default: none (external $refs are not followed).',
    },
    alert: {
      type: 'object',
      additionalProperties: false,
      properties: {
        channels: { type: 'array', items: { enum: ['slack', 'email', 'stdout'] }, uniqueItems: true },
        minLevel: { enum: ['breaking', 'warning', 'info'], description: 'Lowest level that alerts. Default: breaking.' },
        confirm: {
          type: 'integer',
          minimum: 1,
          maximum: 100,
          description: 'Consecutive probes a change must be seen on before it alerts. Default: 2 for endpoints, 1 for specs.',
        },
        remindAfter: {
          type: 'string',
          pattern: PATTERNS.duration.pattern,
          description: 'How long an alerted drift (or a failing probe) may stay open before a reminder, e.g. `24h`, `30m`, `never`. Default: 24h.',
        },
        failingAfter: {
          type: 'integer',
          minimum: 0,
          maximum: 1000,
          description: 'Consecutive failed probes before a "probe failing" alert (and a "recovered" one when it works again); 0 turns these alerts off. Default: 3.',
        },
      },
    },
  },
} as const;
