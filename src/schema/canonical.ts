import { createHash } from 'node:crypto';
import { setOwn } from './own.js';
import type { JsonSchema } from './types.js';

/** Keywords whose value is one subschema. */
const SCHEMA_KEYWORDS = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'propertyNames',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'contentSchema',
]);
/** Keywords whose value is a list of subschemas whose order carries no meaning. */
const SCHEMA_SET_KEYWORDS = new Set(['allOf', 'anyOf']);
/** Keywords whose value is a list of subschemas in a meaningful order (or, for oneOf, with meaningful duplicates). */
const SCHEMA_LIST_KEYWORDS = new Set(['oneOf', 'prefixItems']);
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is a set of plain values, sorted by their JSON text. */
const VALUE_SET_KEYWORDS = new Set(['enum']);
/** Subschema keywords that constrain nothing when they are `true` or `{}`. */
const VACUOUS_WHEN_EMPTY = new Set(['items', 'additionalItems', 'additionalProperties', 'unevaluatedItems', 'unevaluatedProperties', 'propertyNames']);

/**
 * The canonical form of a schema: keys sorted at every level; set-like keywords (`type`, `required`,
 * `enum`, `allOf`, `anyOf`) sorted and deduplicated; a single `type` written as a string and
 * `integer` dropped beside `number`; and keywords that constrain nothing left out (`required: []`,
 * empty `properties`, `items: {}`, `additionalProperties: true`, …). Equal shapes give byte-equal
 * canonical JSON, and canonicalising twice changes nothing.
 */
export function canonicalize<T extends JsonSchema>(schema: T): T {
  return canonicalSchema(schema) as T;
}

function canonicalSchema(schema: unknown): unknown {
  if (typeof schema === 'boolean') return schema;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return canonicalData(schema);
  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) {
    const value = source[key];
    if (value === undefined) continue;
    const canonical = canonicalKeyword(key, value);
    if (canonical !== undefined) setOwn(out, key, canonical);
  }
  return out;
}

function canonicalKeyword(key: string, value: unknown): unknown {
  if (key === 'type') return canonicalType(value);
  if (SCHEMA_KEYWORDS.has(key)) {
    const sub = canonicalSchema(value);
    if (VACUOUS_WHEN_EMPTY.has(key) && (sub === true || isEmptyObject(sub))) return undefined;
    return sub;
  }
  if (SCHEMA_MAP_KEYWORDS.has(key) && isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return undefined;
    const out: Record<string, unknown> = {};
    for (const name of keys) setOwn(out, name, canonicalSchema(value[name]));
    return out;
  }
  if (SCHEMA_SET_KEYWORDS.has(key) && Array.isArray(value)) return sortedSet(value.map(canonicalSchema));
  if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) return value.map(canonicalSchema);
  if (key === 'items' && Array.isArray(value)) return value.map(canonicalSchema);
  if (key === 'required' && Array.isArray(value)) {
    // Property names, in the order their properties are written: by the names themselves.
    const names = [...new Set(value.map(canonicalData))].sort(byRaw);
    return names.length === 0 ? undefined : names;
  }
  if (VALUE_SET_KEYWORDS.has(key) && Array.isArray(value)) return sortedSet(value.map(canonicalData));
  return canonicalData(value);
}

function canonicalType(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  let types = sortedSet(value) as unknown[];
  if (types.includes('number')) types = types.filter((t) => t !== 'integer');
  return types.length === 1 ? types[0] : types;
}

/** Plain data (enum values, const, default, unknown keywords): object keys sorted, nothing else changed. */
function canonicalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalData);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = value[key];
      if (v !== undefined) setOwn(out, key, canonicalData(v));
    }
    return out;
  }
  return value;
}

function sortedSet(values: unknown[]): unknown[] {
  const keyed = values.map((item) => [stableStringify(item), item] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.filter((entry, index) => index === 0 || entry[0] !== keyed[index - 1]![0]).map((entry) => entry[1]);
}

function byRaw(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = stableStringify(a);
  const y = stableStringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmptyObject(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** JSON with object keys sorted at every level (no whitespace). */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${stableStringify(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The canonical JSON text of a schema, the bytes its content hash is taken over. */
export function canonicalJson(schema: JsonSchema): string {
  return stableStringify(canonicalize(schema));
}

/** Content address of a schema: sha256 of its canonical JSON, hex. */
export function schemaHash(schema: JsonSchema): string {
  return createHash('sha256').update(canonicalJson(schema)).digest('hex');
}
