import { enumEvidence, FORMAT_MIN_VALUES } from './enum-rule.js';
import { formatOf } from './formats.js';
import { KEY_CLASSES_NEEDING_TWO_KEYS } from './key-classes.js';
import { isSchemaObject } from './normalize.js';
import { emptyShape, mergeInto, type ObjectStats, type Shape } from './shape.js';
import { setOwn } from './own.js';
import type { JsonSchema, JsonType, JsonValue } from './types.js';

/**
 * `baseline`: what a baseline may promise (enums and formats only on evidence, see enum-rule.ts).
 * `observation`: exactly what was seen, to diff in memory: every distinct string value (up to a cap)
 * as `enum`, and `format` whenever every value matched it. Never persisted.
 */
export type Flavour = 'baseline' | 'observation';

export interface EmitOptions {
  flavour: Flavour;
  /** Distinct values a position may keep; a position with more has no enum. */
  valueCap: number;
  /**
   * A schema whose maps (`additionalProperties` without `properties`) the result follows: where it
   * has a map, so does the result, even when the samples alone would not show one.
   */
  mapsLike?: JsonSchema | undefined;
}

/** Below this many distinct keys, keys that look like names make a record unless their value shapes say map. */
const MANY_KEYS = 16;
/** With this many distinct keys of one value shape, it is a map even if every object had every key. */
const VERY_MANY_KEYS = 64;

const KIND_BOOLEAN = 1;
const KIND_NUMBER = 2;
const KIND_STRING = 4;
const KIND_OBJECT = 8;
const KIND_ARRAY = 16;

/**
 * The JSON Schema of one learned shape (no `$schema`), already in canonical form: keys in sorted
 * order at every level, `type`, `required` and `enum` sorted, nothing redundant. (test/schema checks
 * that canonicalize leaves it byte for byte as it is.)
 */
export function shapeToSchema(shape: Shape, options: EmitOptions): JsonSchema {
  return emit(shape, undefined, options.mapsLike, options);
}

function emit(shape: Shape, name: string | undefined, like: JsonSchema | undefined, options: EmitOptions): JsonSchema {
  // Keywords are added in sorted order: additionalProperties, enum, format, items, properties, required, type.
  const schema: JsonSchema = {};
  const strings = shape.strings;
  const object = shape.object;
  const array = shape.array;

  if (object) {
    const likeMap = like !== undefined && isMapSchema(like);
    if (object.values !== undefined || likeMap || isMapLike(object, options)) {
      const values = mapValues(object, options);
      if (values.count > 0) schema.additionalProperties = emit(values, name, likeMap ? (like.additionalProperties as JsonSchema) : undefined, options);
    }
  }

  if (strings) {
    const values = strings.values;
    const onlyStrings = shape.booleans + shape.integers + shape.fractions === 0 && !object && !array;
    if (onlyStrings && values && values.size <= options.valueCap) {
      if (options.flavour === 'observation' || enumEvidence(values, strings.count, name)) {
        const members: JsonValue[] = [...values.keys()].sort(byJson);
        // `null` sorts after every string (`"` comes before `n`).
        if (shape.nulls > 0) members.push(null);
        schema.enum = members;
      }
    }
    const format = options.flavour === 'observation' || strings.count >= FORMAT_MIN_VALUES ? formatOf(strings.formats) : undefined;
    if (format !== undefined) schema.format = format;
  }

  if (array?.items) {
    schema.items = emit(array.items, name, like && isSchemaObject(like.items) ? like.items : undefined, options);
  }

  if (object && schema.additionalProperties === undefined && object.properties !== undefined && object.properties.size > 0) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const likeProps = like?.properties;
    const hasLike = isSchemaObject(likeProps);
    for (const key of Array.from(object.properties.keys()).sort()) {
      const child = object.properties.get(key)!;
      const childLike = hasLike && Object.prototype.hasOwnProperty.call(likeProps, key) ? likeProps[key] : undefined;
      const childSchema = emit(child, key, childLike, options);
      if (key === '__proto__') setOwn(properties, key, childSchema);
      else properties[key] = childSchema;
      if (child.count === object.count) required.push(key);
    }
    schema.properties = properties;
    if (required.length > 0) schema.required = required;
  }

  let mask = 0;
  if (array) mask |= 1;
  if (shape.booleans > 0) mask |= 2;
  if (shape.integers > 0 && shape.fractions === 0) mask |= 4;
  if (shape.nulls > 0) mask |= 8;
  if (shape.fractions > 0) mask |= 16;
  if (object) mask |= 32;
  if (strings) mask |= 64;
  const type = TYPE_BY_MASK[mask];
  if (type !== undefined) schema.type = typeof type === 'string' ? type : [...type];
  return schema;
}

/** `type` for each set of types (bit i: the i-th of the names in sorted order), written as canonical form does. */
const TYPE_BY_MASK: readonly (JsonType | readonly JsonType[] | undefined)[] = Array.from({ length: 128 }, (_, mask) => {
  const names = (['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'] as const).filter((_, i) => (mask & (1 << i)) !== 0);
  return names.length === 0 ? undefined : names.length === 1 ? names[0] : names;
});

/** The order canonicalize gives enum members: by their JSON text. */
function byJson(a: JsonValue, b: JsonValue): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function isMapSchema(schema: JsonSchema): boolean {
  return isSchemaObject(schema.additionalProperties) && schema.properties === undefined;
}

function mapValues(object: ObjectStats, options: EmitOptions): Shape {
  if (object.values !== undefined) return object.values;
  const values = emptyShape();
  for (const child of object.properties!.values()) mergeInto(values, child, options.valueCap);
  return values;
}

function kindsOf(shape: Shape): number {
  let kinds = 0;
  if (shape.booleans > 0) kinds |= KIND_BOOLEAN;
  if (shape.integers + shape.fractions > 0) kinds |= KIND_NUMBER;
  if (shape.strings) kinds |= KIND_STRING;
  if (shape.object) kinds |= KIND_OBJECT;
  if (shape.array) kinds |= KIND_ARRAY;
  return kinds;
}

/**
 * Whether the keys of a record position are data. Either every key belongs to one data class (all
 * IDs, dates, currency codes, …), or there are many distinct keys whose values all have one shape
 * and which come and go between objects (or are very many).
 */
function isMapLike(object: ObjectStats, options: EmitOptions): boolean {
  const properties = object.properties!;
  const distinct = properties.size;
  if (distinct === 0) return false;
  const classes = distinct >= 2 ? object.keyClasses : object.keyClasses & ~KEY_CLASSES_NEEDING_TWO_KEYS;
  if (classes !== 0) return true;
  if (distinct < MANY_KEYS) return false;
  let kinds = -1;
  let occurrences = 0;
  for (const child of properties.values()) {
    const k = kindsOf(child);
    if (kinds === -1) kinds = k;
    else if (k !== kinds) return false;
    occurrences += child.count;
  }
  const sparse = occurrences * 2 <= distinct * object.count;
  if (!sparse && distinct < VERY_MANY_KEYS) return false;
  // Object values of one map are alike: on average each has at least half of all their keys.
  if ((kinds & KIND_OBJECT) !== 0) return objectValuesAlike(properties.values());
  return true;
}

function objectValuesAlike(children: Iterable<Shape>): boolean {
  const union = new Set<string>();
  let sum = 0;
  let n = 0;
  for (const child of children) {
    const props = child.object?.properties;
    if (props === undefined) return true;
    for (const key of props.keys()) union.add(key);
    sum += props.size;
    n++;
  }
  return n === 0 || union.size === 0 || sum * 2 >= n * union.size;
}
