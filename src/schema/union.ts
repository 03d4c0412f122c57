import { isSchemaObject, requiredSet, typeSet } from './normalize.js';
import { setOwn } from './own.js';
import type { JsonSchema, JsonType, JsonValue } from './types.js';

/**
 * The schema inference would have given for the samples of two inferred schemas together: types
 * joined, properties joined (required only where required in both), items and map values joined,
 * a format or an enum only where both sides that hold strings agree. Meant for inferred schemas;
 * a side without `type` counts as one that has seen nothing.
 */
export function unionSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const ta = typeSet(a);
  const tb = typeSet(b);
  if (!ta) return b;
  if (!tb) return a;
  const types = new Set<JsonType>([...ta, ...tb]);
  const out: JsonSchema = { type: [...types] };

  if (types.has('string')) {
    const sa = ta.has('string');
    const sb = tb.has('string');
    const format = sa && sb ? (a.format === b.format ? a.format : undefined) : sa ? a.format : b.format;
    if (format !== undefined) out.format = format;
    const enumValues = sa && sb ? (Array.isArray(a.enum) && Array.isArray(b.enum) ? [...a.enum, ...b.enum] : undefined) : sa ? a.enum : b.enum;
    if (Array.isArray(enumValues) && onlyStringsAndNull(types)) out.enum = enumWithNull(enumValues, types.has('null'));
  }

  if (types.has('object')) {
    const oa = ta.has('object');
    const ob = tb.has('object');
    if (oa && ob) Object.assign(out, unionObjects(a, b));
    else copyObjectKeywords(out, oa ? a : b);
  }

  if (types.has('array')) {
    const ia = ta.has('array') && isSchemaObject(a.items) ? a.items : undefined;
    const ib = tb.has('array') && isSchemaObject(b.items) ? b.items : undefined;
    const items = ia && ib ? unionSchemas(ia, ib) : (ia ?? ib);
    if (items) out.items = items;
  }
  return out;
}

/** One schema for the values of every property of an object schema (and its map values, if any). */
export function valuesSchema(schema: JsonSchema): JsonSchema | undefined {
  let out: JsonSchema | undefined = isSchemaObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
  for (const value of Object.values(schema.properties ?? {})) {
    if (isSchemaObject(value)) out = out ? unionSchemas(out, value) : value;
  }
  return out;
}

export function isMapSchema(schema: JsonSchema): boolean {
  return isSchemaObject(schema.additionalProperties) && schema.properties === undefined;
}

function unionObjects(a: JsonSchema, b: JsonSchema): JsonSchema {
  if (isMapSchema(a) || isMapSchema(b)) {
    const va = valuesSchema(a);
    const vb = valuesSchema(b);
    const values = va && vb ? unionSchemas(va, vb) : (va ?? vb);
    return values ? { additionalProperties: values } : {};
  }
  const pa = a.properties ?? {};
  const pb = b.properties ?? {};
  const ra = requiredSet(a);
  const rb = requiredSet(b);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const key of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
    const x = Object.prototype.hasOwnProperty.call(pa, key) ? pa[key] : undefined;
    const y = Object.prototype.hasOwnProperty.call(pb, key) ? pb[key] : undefined;
    setOwn(properties, key, x && y ? unionSchemas(x, y) : (x ?? y)!);
    if (ra.has(key) && rb.has(key)) required.push(key);
  }
  const out: JsonSchema = {};
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (required.length > 0) out.required = required;
  return out;
}

function copyObjectKeywords(out: JsonSchema, from: JsonSchema): void {
  if (from.properties !== undefined) out.properties = from.properties;
  if (from.required !== undefined) out.required = from.required;
  if (from.additionalProperties !== undefined) out.additionalProperties = from.additionalProperties;
}

export function onlyStringsAndNull(types: ReadonlySet<JsonType>): boolean {
  for (const t of types) if (t !== 'string' && t !== 'null') return false;
  return true;
}

/** An enum's values with null in it exactly when the schema admits null. */
export function enumWithNull(values: readonly JsonValue[], nullable: boolean): JsonValue[] {
  const out: JsonValue[] = values.filter((v) => v !== null);
  if (nullable) out.push(null);
  return out;
}
