import { stableStringify } from '../schema/canonical.js';
import { isSchemaObject } from '../schema/normalize.js';
import type { JsonSchema, JsonType, JsonValue } from '../schema/types.js';
import type { SchemaLens, Side } from './types.js';

/** What rules ask of a schema node: its types, whether it admits null, its alternatives. */

export function hasKeyword(schema: JsonSchema, keyword: string): boolean {
  return Object.prototype.hasOwnProperty.call(schema, keyword) && schema[keyword] !== undefined;
}

function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return 'object';
}

/** The `anyOf`/`oneOf` alternatives of a core, or undefined when it has none. */
export function alternativesOf(core: JsonSchema): { keyword: 'anyOf' | 'oneOf'; branches: JsonSchema[] } | undefined {
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const list = core[keyword];
    if (Array.isArray(list)) return { keyword, branches: list.filter(isSchemaObject) };
  }
  return undefined;
}

/** The null this node itself allows: `nullable`, a `null` type, a null enum value or const (not its alternatives'). */
export function ownNull(schema: JsonSchema): boolean {
  if (schema.nullable === true || schema['x-nullable'] === true) return true;
  if (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  return hasKeyword(schema, 'const') && schema.const === null;
}

/**
 * The JSON types a node admits (null included when allowed), or undefined when unconstrained.
 * A type is read from `type`, else from the alternatives, else from `const`/`enum` values, else
 * from object or array keywords.
 */
export function typesOf(schema: JsonSchema, lens: SchemaLens | undefined, side: Side, seen = new Set<JsonSchema>()): Set<JsonType> | undefined {
  let types: Set<JsonType> | undefined;
  const alternatives = alternativesOf(schema);
  if (Array.isArray(schema.type)) types = new Set(schema.type);
  else if (typeof schema.type === 'string') types = new Set([schema.type]);
  else if (alternatives && lens && !seen.has(schema)) {
    seen.add(schema);
    types = new Set();
    for (const branch of alternatives.branches) {
      const branchTypes = typesOf(lens.site(branch, side), lens, side, seen);
      if (!branchTypes) return undefined;
      for (const t of branchTypes) types.add(t);
    }
  } else if (hasKeyword(schema, 'const')) types = new Set([typeOfValue(schema.const)]);
  else if (Array.isArray(schema.enum) && schema.enum.length > 0) types = new Set(schema.enum.map(typeOfValue));
  else if (schema.properties !== undefined || schema.additionalProperties !== undefined) types = new Set(['object']);
  else if (schema.items !== undefined || schema.prefixItems !== undefined) types = new Set(['array']);
  if (types === undefined) return undefined;
  if (schema.nullable === true || schema['x-nullable'] === true) types.add('null');
  return types;
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

export function describeTypes(types: ReadonlySet<JsonType>): string {
  return [...types].sort().join(' | ');
}

export function requiredSet(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === 'string') : []);
}

export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return isSchemaObject(schema.properties) ? schema.properties : {};
}

/** The values an `enum` lists, null left out (null belongs to the nullable rules). */
export function enumValues(schema: JsonSchema): JsonValue[] | undefined {
  if (!Array.isArray(schema.enum)) return undefined;
  return schema.enum.filter((v) => v !== null);
}

/**
 * The only values a schema allows, when it lists them (`const`, or `enum` without null): a limit
 * that every one of them meets says nothing more.
 */
export function listedValues(schema: JsonSchema): unknown[] | undefined {
  if (hasKeyword(schema, 'const')) return schema.const === null ? undefined : [schema.const];
  const values = enumValues(schema);
  return values && values.length > 0 ? values : undefined;
}

/**
 * Whether a limit's change is moot because the values on the looser side are listed and all meet
 * the stricter side's limit: `maxLength: 5000` replaced by `enum: [paid, open]` admits nothing longer.
 */
export function listedValuesMeet(looser: JsonSchema, meets: (value: unknown) => boolean): boolean {
  const values = listedValues(looser);
  return values !== undefined && values.every(meets);
}

/** Values as keys that compare by content. */
export function valueKey(value: unknown): string {
  return stableStringify(value);
}

/** Short text for a value in a message. */
export function showShort(value: unknown, max = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A branch in a message: its `$ref` name, else its title, else its types. */
export function describeBranch(branch: JsonSchema, lens: SchemaLens | undefined, side: Side): string {
  if (typeof branch.$ref === 'string') return branch.$ref;
  if (typeof branch.title === 'string') return branch.title;
  const types = typesOf(lens ? lens.site(branch, side) : branch, lens, side);
  return types ? describeTypes(types) : showShort(branch);
}
