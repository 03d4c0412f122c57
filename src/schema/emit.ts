import { enumEvidence, FORMAT_MIN_VALUES } from './enum-rule.js';
import { formatOf } from './formats.js';
import { KEY_CLASSES_NEEDING_TWO_KEYS } from './key-classes.js';
import { isSchemaObject } from './normalize.js';
import { emptyShape, mergeInto, type ObjectStats, type Shape } from './shape.js';
import { setOwn } from './own.js';
import type { JsonSchema, JsonType } from './types.js';

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

/** The JSON Schema of one learned shape (no `$schema`; not yet canonical). */
export function shapeToSchema(shape: Shape, options: EmitOptions): JsonSchema {
  return emit(shape, undefined, options.mapsLike, options);
}

function emit(shape: Shape, name: string | undefined, like: JsonSchema | undefined, options: EmitOptions): JsonSchema {
  const schema: JsonSchema = {};
  const types: JsonType[] = [];
  if (shape.nulls > 0) types.push('null');
  if (shape.booleans > 0) types.push('boolean');
  if (shape.fractions > 0) types.push('number');
  else if (shape.integers > 0) types.push('integer');
  if (shape.strings) types.push('string');
  if (shape.object) types.push('object');
  if (shape.array) types.push('array');
  if (types.length === 1) schema.type = types[0];
  else if (types.length > 1) schema.type = types;

  const strings = shape.strings;
  if (strings) {
    const format = options.flavour === 'observation' || strings.count >= FORMAT_MIN_VALUES ? formatOf(strings.formats) : undefined;
    if (format !== undefined) schema.format = format;
    const onlyStrings = types.every((t) => t === 'string' || t === 'null');
    const values = strings.values;
    if (onlyStrings && values !== undefined && values.size <= options.valueCap) {
      const asEnum = options.flavour === 'observation' || enumEvidence(values, strings.count, name);
      if (asEnum) schema.enum = shape.nulls > 0 ? [...values.keys(), null] : [...values.keys()];
    }
  }

  const object = shape.object;
  if (object) {
    const likeMap = like !== undefined && isMapSchema(like);
    if (object.values !== undefined || likeMap || isMapLike(object, options)) {
      const values = mapValues(object, options);
      if (values.count > 0) schema.additionalProperties = emit(values, name, likeMap ? (like.additionalProperties as JsonSchema) : undefined, options);
    } else if (object.properties !== undefined && object.properties.size > 0) {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      const likeProps = like?.properties;
      for (const [key, child] of object.properties) {
        const childLike = isSchemaObject(likeProps) && Object.prototype.hasOwnProperty.call(likeProps, key) ? likeProps[key] : undefined;
        setOwn(properties, key, emit(child, key, childLike, options));
        if (child.count === object.count) required.push(key);
      }
      schema.properties = properties;
      if (required.length > 0) schema.required = required;
    }
  }

  const array = shape.array;
  if (array?.items) {
    schema.items = emit(array.items, name, like && isSchemaObject(like.items) ? like.items : undefined, options);
  }
  return schema;
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
  if ((kinds & KIND_OBJECT) !== 0) {
    // Object values of one map share their shape: some property is in every one of them.
    const merged = mapValues(object, options).object!;
    if (merged.properties === undefined) return true;
    for (const child of merged.properties.values()) if (child.count === merged.count) return true;
    return false;
  }
  return true;
}
