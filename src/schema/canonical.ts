import { createHash } from 'node:crypto';
import type { JsonSchema } from './types.js';

/** Keywords whose array value is a set: order carries no meaning, so it is sorted. */
const SET_KEYWORDS = new Set(['required', 'type', 'enum']);

/** Keywords that hold schemas keyed by name, not keywords: their keys are sorted like any object's. */
function canonicalValue(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonicalValue(item, undefined));
    if (key !== undefined && SET_KEYWORDS.has(key)) {
      const keyed = items.map((item) => [stableStringify(item), item] as const);
      keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const unique = keyed.filter((entry, index) => index === 0 || entry[0] !== keyed[index - 1]![0]);
      return unique.map((entry) => entry[1]);
    }
    return items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      out[k] = canonicalValue(v, k);
    }
    return out;
  }
  return value;
}

/**
 * The canonical form of a schema: keys sorted at every level, set-like keywords sorted and deduplicated,
 * a single `type` written as a string. Equal shapes give byte-equal canonical JSON.
 */
export function canonicalize<T extends JsonSchema>(schema: T): T {
  return simplifyTypes(canonicalValue(schema, undefined)) as T;
}

function simplifyTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(simplifyTypes);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (k === 'type' && Array.isArray(v) && v.length === 1) obj[k] = v[0];
      else if (k !== 'enum' && k !== 'const' && k !== 'default' && k !== 'examples') obj[k] = simplifyTypes(v);
    }
  }
  return value;
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
