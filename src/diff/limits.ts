import type { JsonSchema } from '../schema/types.js';

/** Whether a limit on values got stricter or looser; undefined when it did not change. */
export type Strictness = 'tightened' | 'relaxed' | undefined;

/** A count limit (`minLength`, `maxItems`, …): `lower` limits grow stricter upwards, `upper` ones downwards. */
export function compareCount(kind: 'lower' | 'upper', before: number | undefined, after: number | undefined): Strictness {
  if (before === after) return undefined;
  if (before === undefined) return 'tightened';
  if (after === undefined) return 'relaxed';
  return (kind === 'lower' ? after > before : after < before) ? 'tightened' : 'relaxed';
}

export interface Bound {
  value: number;
  exclusive: boolean;
}

/**
 * A numeric bound from `minimum`/`exclusiveMinimum` (or the maximum pair): JSON Schema's numeric
 * `exclusiveMinimum` and OpenAPI 3.0's boolean one both understood; the stricter wins when both apply.
 */
export function numericBound(schema: JsonSchema, kind: 'lower' | 'upper'): Bound | undefined {
  const inclusiveKey = kind === 'lower' ? 'minimum' : 'maximum';
  const exclusiveKey = kind === 'lower' ? 'exclusiveMinimum' : 'exclusiveMaximum';
  const candidates: Bound[] = [];
  const inclusive: unknown = schema[inclusiveKey];
  const exclusive: unknown = schema[exclusiveKey];
  if (typeof inclusive === 'number') candidates.push({ value: inclusive, exclusive: exclusive === true });
  if (typeof exclusive === 'number') candidates.push({ value: exclusive, exclusive: true });
  let best: Bound | undefined;
  for (const c of candidates) if (!best || compareBound(kind, best, c) === 'tightened') best = c;
  return best;
}

export function compareBound(kind: 'lower' | 'upper', before: Bound | undefined, after: Bound | undefined): Strictness {
  if (before === undefined && after === undefined) return undefined;
  if (before === undefined) return 'tightened';
  if (after === undefined) return 'relaxed';
  if (before.value === after.value) {
    if (before.exclusive === after.exclusive) return undefined;
    return after.exclusive ? 'tightened' : 'relaxed';
  }
  return (kind === 'lower' ? after.value > before.value : after.value < before.value) ? 'tightened' : 'relaxed';
}

export function describeBound(kind: 'lower' | 'upper', bound: Bound | undefined): string {
  if (!bound) return 'none';
  const sign = kind === 'lower' ? (bound.exclusive ? '>' : '≥') : bound.exclusive ? '<' : '≤';
  return `${sign} ${bound.value}`;
}

/** The keywords that make up a numeric bound, as the schema wrote them (undefined when none). */
export function boundKeywords(schema: JsonSchema, kind: 'lower' | 'upper'): Record<string, unknown> | undefined {
  const keys = kind === 'lower' ? ['minimum', 'exclusiveMinimum'] : ['maximum', 'exclusiveMaximum'];
  const out: Record<string, unknown> = {};
  for (const key of keys) if (schema[key] !== undefined) out[key] = schema[key];
  return Object.keys(out).length > 0 ? out : undefined;
}

export function countOf(schema: JsonSchema, keyword: string): number | undefined {
  const value = schema[keyword];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
