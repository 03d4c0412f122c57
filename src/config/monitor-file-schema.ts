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
      pattern: '^[a-z0-9][a-z0-9._-]*$',
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
        maxBodyBytes: { type: 'integer', minimum: 1, description: 'Response size cap. Default: 10485760 (10 MB).' },
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
      items: { type: 'string', pattern: '^(/.*)?$' },
      description: 'JSON Pointers into the schema whose changes are never reported; `*` matches one token.',
    },
    operations: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Za-z]+ /' },
      description: 'openapi monitors: the operations the consumer calls, as `METHOD /path`. Default: all.',
    },
    alert: {
      type: 'object',
      additionalProperties: false,
      properties: {
        channels: { type: 'array', items: { enum: ['slack', 'email', 'stdout'] }, uniqueItems: true },
        minLevel: { enum: ['breaking', 'warning', 'info'], description: 'Lowest level that alerts. Default: breaking.' },
        confirm: { type: 'integer', minimum: 1, maximum: 100, description: 'Consecutive probes a change must be seen on before it alerts.' },
      },
    },
  },
} as const;
