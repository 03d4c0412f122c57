import type { ErrorObject } from 'ajv';
import { PATTERN_MEANINGS } from './monitor-file-schema.js';

/** `request.headers.Authorization` from `/request/headers/Authorization`. */
export function fieldName(instancePath: string, extra?: string): string {
  const tokens = instancePath === '' ? [] : instancePath.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) tokens.push(extra);
  return tokens.length === 0 ? '(top level)' : tokens.map((t, i) => (/^\d+$/.test(t) ? `[${t}]` : i === 0 ? t : `.${t}`)).join('');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string' && /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(value)) return `${value.length} characters that are not text`;
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return `${typeof value} ${String(value)}`;
}

/**
 * One plain sentence per ajv error: the field, what was expected, what was found. Values of fields
 * that may hold secrets are not quoted (validation runs before interpolation, so at most a
 * `${VAR}` reference would show, but headers are left out all the same).
 */
export function describeAjvError(error: ErrorObject, data: unknown): string {
  const field = fieldName(error.instancePath);
  const mayBeSecret = /^\/(request\/(headers|query|body)|auth)/.test(error.instancePath);
  const actual = mayBeSecret ? '' : ` (got ${describeValue(valueAt(data, error.instancePath))})`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `missing required field "${fieldName(error.instancePath, String(params.missingProperty))}"`;
    case 'additionalProperties':
      return `unknown field "${fieldName(error.instancePath, String(params.additionalProperty))}"${
        allowedHint(error)
      }`;
    case 'enum':
      return `field "${field}" must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${actual}`;
    case 'type':
      if (error.instancePath === '') {
        return data === null || data === undefined ? 'is empty: expected a monitor (a YAML mapping or JSON object)' : `is not a monitor: expected a YAML mapping or JSON object${actual}`;
      }
      return `field "${field}" must be ${article(String(params.type))}${actual}`;
    case 'pattern': {
      const pattern = String(params.pattern);
      return `field "${field}" must be ${PATTERN_MEANINGS[pattern] ?? `a string matching ${pattern}`}${actual}`;
    }
    case 'minimum':
    case 'maximum':
      return `field "${field}" must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}${actual}`;
    case 'minLength':
      return `field "${field}" must not be empty`;
    case 'maxLength':
      return `field "${field}" must be at most ${String(params.limit)} characters long`;
    case 'discriminator':
      return params.error === 'tag'
        ? `missing required field "${fieldName(error.instancePath, String(params.tag))}"`
        : `field "${fieldName(error.instancePath, String(params.tag))}" must be one of ${discriminatorValues(error)} (got ${describeValue(params.tagValue)})`;
    case 'const':
      return `field "${field}" must be ${JSON.stringify(params.allowedValue)}${actual}`;
    case 'uniqueItems':
      return `field "${field}" lists the same value twice`;
    default:
      return `field "${field}" ${error.message ?? 'is invalid'}`;
  }
}

function allowedHint(error: ErrorObject): string {
  const schema = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const names = schema?.properties ? Object.keys(schema.properties) : [];
  return names.length > 0 ? ` (expected one of: ${names.join(', ')})` : '';
}

function discriminatorValues(error: ErrorObject): string {
  const schema = error.parentSchema as { oneOf?: { properties?: Record<string, { const?: unknown }> }[]; discriminator?: { propertyName: string } } | undefined;
  const tag = schema?.discriminator?.propertyName ?? '';
  return (schema?.oneOf ?? []).map((branch) => JSON.stringify(branch.properties?.[tag]?.const)).join(', ');
}

function article(type: string): string {
  const words = type.split(',').map((t) => (t === 'integer' || t === 'object' || t === 'array' ? `an ${t}` : `a ${t}`));
  return words.join(' or ');
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const token of pointer === '' ? [] : pointer.slice(1).split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}
