import type { JsonSchema, JsonType } from './types.js';

/** The set of JSON types a schema admits, with OpenAPI 3.0 `nullable` folded in; undefined when unconstrained. */
export function typeSet(schema: JsonSchema): Set<JsonType> | undefined {
  let types: JsonType[] | undefined;
  if (Array.isArray(schema.type)) types = [...schema.type];
  else if (typeof schema.type === 'string') types = [schema.type];
  else if (schema.properties !== undefined || schema.additionalProperties !== undefined) types = ['object'];
  else if (schema.items !== undefined || schema.prefixItems !== undefined) types = ['array'];
  if (types === undefined) return undefined;
  const set = new Set(types);
  if (schema.nullable === true) set.add('null');
  return set;
}

/** Whether a value of type `t` is also a value of some type in `set` (an integer is a number). */
export function typeAdmitted(t: JsonType, set: ReadonlySet<JsonType>): boolean {
  return set.has(t) || (t === 'integer' && set.has('number'));
}

export function withoutNull(set: ReadonlySet<JsonType>): Set<JsonType> {
  const out = new Set(set);
  out.delete('null');
  return out;
}

export function requiredSet(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required : []);
}

export function isSchemaObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
