import { InferenceError } from './errors.js';
import { ALL_FORMATS, matchFormats } from './formats.js';
import { ALL_KEY_CLASSES, classifyKey } from './key-classes.js';

export { InferenceError } from './errors.js';

/**
 * What inference has learned about the values seen at one position of a document: how many there
 * were of each JSON type, and for strings and containers what they had in common. A shape is the
 * accumulator of the learning state: samples are added to it one by one, and two shapes merge
 * (order-independent and associative), so a baseline keeps learning without re-reading old samples.
 */
export interface Shape {
  /** Values seen at this position (of any type). */
  count: number;
  nulls: number;
  booleans: number;
  /** Numbers with no fractional part. */
  integers: number;
  /** Numbers with a fractional part. */
  fractions: number;
  strings: StringStats | undefined;
  object: ObjectStats | undefined;
  array: ArrayStats | undefined;
  /**
   * The name of the property this position is (or whose array items it is), if any: a name like
   * an identifier's, an open code list's or free text's bars its values from being kept (see
   * LearnPolicy.barsValues). Follows from the path, so it is not serialised.
   */
  name: string | undefined;
}

export interface StringStats {
  count: number;
  /** Mask of the formats every string seen here matched (see formats.ts). */
  formats: number;
  /**
   * Distinct values with how often each was seen, while the position could still be an enum under
   * the learning policy (null before the first value); undefined for good once a value was refused
   * or there were too many.
   */
  values: Map<string, number> | null | undefined;
}

export interface ObjectStats {
  count: number;
  /** Mask of the key classes every key seen here belongs to (see key-classes.ts). */
  keyClasses: number;
  /** A shape per property name, while this position is a record. */
  properties: Map<string, Shape> | undefined;
  /** Once there were too many distinct keys to be a record: the shape of every value under any key. */
  values: Shape | undefined;
  /**
   * The keys of the objects seen here by position, with their shapes: objects at one position
   * mostly share a key order, so a key is usually found by comparing it with the key at the same
   * index instead of a lookup. Only an accelerator: never serialised, cloned or merged.
   */
  order: { keys: string[]; shapes: Shape[] } | undefined;
}

export interface ArrayStats {
  count: number;
  /** The shape of every element of every array seen here; undefined while all were empty. */
  items: Shape | undefined;
}

/** What a learner keeps, besides types: decided by the flavour of inference (see state.ts). */
export interface LearnPolicy {
  /** Containers nested deeper than this are refused with an InferenceError. */
  maxDepth: number;
  /** Distinct string values kept per position before they are all dropped. */
  valueCap: number;
  /** Whether a string value may be kept at all (baseline: only enum-like tokens). */
  keepValue: (value: string) => boolean;
  /** Whether a property name may bar its values from being kept (baseline: `id`, `email`, `*_name`, …). */
  barsValues: (name: string) => boolean;
}

export const DEFAULT_MAX_DEPTH = 256;

/** More distinct keys than this at one position and it is a map, whatever the keys look like (bounds memory). */
export const MAP_COLLAPSE_KEYS = 1000;

export function emptyShape(name?: string): Shape {
  return { count: 0, nulls: 0, booleans: 0, integers: 0, fractions: 0, strings: undefined, object: undefined, array: undefined, name };
}

function emptyObjectStats(): ObjectStats {
  return { count: 0, keyClasses: ALL_KEY_CLASSES, properties: new Map(), values: undefined, order: undefined };
}

/** Adds one sample value to a shape, in place. Throws InferenceError (the shape is then partly updated). */
export function addSample(shape: Shape, value: unknown, policy: LearnPolicy): Shape {
  addValue(shape, value, 0, policy);
  return shape;
}

function addValue(shape: Shape, value: unknown, depth: number, policy: LearnPolicy): void {
  shape.count++;
  switch (typeof value) {
    case 'string':
      addString(shape, value, policy);
      return;
    case 'number':
      if (Number.isInteger(value)) shape.integers++;
      else shape.fractions++;
      return;
    case 'boolean':
      shape.booleans++;
      return;
    case 'object':
      if (value === null) {
        shape.nulls++;
        return;
      }
      if (depth >= policy.maxDepth) {
        throw new InferenceError('too-deep', `document nests deeper than ${policy.maxDepth} levels`);
      }
      if (Array.isArray(value)) addArray(shape, value, depth, policy);
      else addObject(shape, value as Record<string, unknown>, depth, policy);
      return;
    default:
      throw new InferenceError('not-json', `a ${typeof value} is not a JSON value`);
  }
}

function addString(shape: Shape, value: string, policy: LearnPolicy): void {
  let stats = shape.strings;
  if (stats === undefined) {
    stats = { count: 0, formats: ALL_FORMATS, values: null };
    shape.strings = stats;
  }
  stats.count++;
  if (stats.formats !== 0) stats.formats &= matchFormats(value, stats.formats);
  const values = stats.values;
  if (values === null) {
    const kept = policy.keepValue(value) && (shape.name === undefined || !policy.barsValues(shape.name));
    stats.values = kept ? new Map<string, number>().set(value, 1) : undefined;
  } else if (values !== undefined) {
    const seen = values.get(value);
    if (seen !== undefined) values.set(value, seen + 1);
    else if (values.size >= policy.valueCap || !policy.keepValue(value)) stats.values = undefined;
    else values.set(value, 1);
  }
}

function addArray(shape: Shape, value: readonly unknown[], depth: number, policy: LearnPolicy): void {
  let stats = shape.array;
  if (stats === undefined) {
    stats = { count: 0, items: undefined };
    shape.array = stats;
  }
  stats.count++;
  const length = value.length;
  if (length === 0) return;
  const items = (stats.items ??= emptyShape(shape.name));
  for (let i = 0; i < length; i++) addValue(items, value[i], depth + 1, policy);
}

function addObject(shape: Shape, value: Record<string, unknown>, depth: number, policy: LearnPolicy): void {
  let stats = shape.object;
  if (stats === undefined) {
    stats = emptyObjectStats();
    shape.object = stats;
  }
  stats.count++;
  const properties = stats.properties;
  if (properties === undefined) {
    const values = stats.values!;
    for (const key in value) {
      if (stats.keyClasses !== 0) stats.keyClasses &= classifyKey(key);
      addValue(values, value[key], depth + 1, policy);
    }
    return;
  }
  if (stats.count === 1) {
    // The first object here: nothing to share a key order with yet, so no accelerator to build.
    for (const key in value) {
      let child = properties.get(key);
      if (child === undefined) {
        child = emptyShape(key);
        properties.set(key, child);
        if (stats.keyClasses !== 0) stats.keyClasses &= classifyKey(key);
      }
      addValue(child, value[key], depth + 1, policy);
    }
    if (properties.size > MAP_COLLAPSE_KEYS) collapse(stats, policy.valueCap);
    return;
  }
  const order = (stats.order ??= { keys: [], shapes: [] });
  const keys = order.keys;
  const shapes = order.shapes;
  let i = 0;
  for (const key in value) {
    let child: Shape;
    if (i < keys.length && keys[i] === key) {
      child = shapes[i]!;
    } else {
      let found = properties.get(key);
      if (found === undefined) {
        found = emptyShape(key);
        properties.set(key, found);
        if (stats.keyClasses !== 0) stats.keyClasses &= classifyKey(key);
      }
      child = found;
      keys[i] = key;
      shapes[i] = child;
    }
    i++;
    addValue(child, value[key], depth + 1, policy);
  }
  if (properties.size > MAP_COLLAPSE_KEYS) collapse(stats, policy.valueCap);
}

/** Turns a record position into a map: every property's values become the map's values. */
function collapse(stats: ObjectStats, valueCap: number): void {
  if (stats.properties === undefined) return;
  const values = emptyShape();
  for (const child of stats.properties.values()) mergeInto(values, child, valueCap);
  stats.properties = undefined;
  stats.values = values;
  stats.order = undefined;
}

/**
 * Merges two shapes into a new one; neither argument is changed or shared with the result. Kept
 * string values are dropped where the two together hold more than `valueCap` distinct ones.
 */
export function mergeShapes(a: Shape, b: Shape, valueCap: number): Shape {
  return mergeInto(cloneShape(a), b, valueCap);
}

/** Merges `source` into `target` in place and returns `target`; `source` is neither changed nor shared. */
export function mergeInto(target: Shape, source: Shape, valueCap: number): Shape {
  target.count += source.count;
  target.nulls += source.nulls;
  target.booleans += source.booleans;
  target.integers += source.integers;
  target.fractions += source.fractions;
  if (source.strings) {
    if (target.strings === undefined) target.strings = cloneStrings(source.strings);
    else mergeStrings(target.strings, source.strings, valueCap);
  }
  if (source.object) {
    if (target.object === undefined) target.object = cloneObject(source.object);
    else mergeObjects(target.object, source.object, valueCap);
  }
  if (source.array) {
    if (target.array === undefined) target.array = cloneArray(source.array);
    else {
      target.array.count += source.array.count;
      if (source.array.items) {
        if (target.array.items === undefined) target.array.items = cloneShape(source.array.items, target.name);
        else mergeInto(target.array.items, source.array.items, valueCap);
      }
    }
  }
  return target;
}

function mergeStrings(target: StringStats, source: StringStats, valueCap: number): void {
  target.count += source.count;
  target.formats &= source.formats;
  if (target.values === undefined || source.values === null) return;
  if (source.values === undefined) {
    target.values = undefined;
    return;
  }
  if (target.values === null) {
    target.values = new Map(source.values);
    return;
  }
  for (const [value, count] of source.values) target.values.set(value, (target.values.get(value) ?? 0) + count);
  if (target.values.size > valueCap) target.values = undefined;
}

function mergeObjects(target: ObjectStats, source: ObjectStats, valueCap: number): void {
  target.count += source.count;
  target.keyClasses &= source.keyClasses;
  if (target.properties !== undefined && source.properties !== undefined) {
    for (const [key, child] of source.properties) {
      const mine = target.properties.get(key);
      if (mine === undefined) target.properties.set(key, cloneShape(child));
      else mergeInto(mine, child, valueCap);
    }
    if (target.properties.size > MAP_COLLAPSE_KEYS) collapse(target, valueCap);
    return;
  }
  collapse(target, valueCap);
  const values = target.values!;
  if (source.values !== undefined) mergeInto(values, source.values, valueCap);
  else for (const child of source.properties!.values()) mergeInto(values, child, valueCap);
}

export function cloneShape(shape: Shape, name = shape.name): Shape {
  return {
    name,
    count: shape.count,
    nulls: shape.nulls,
    booleans: shape.booleans,
    integers: shape.integers,
    fractions: shape.fractions,
    strings: shape.strings && cloneStrings(shape.strings),
    object: shape.object && cloneObject(shape.object),
    array: shape.array && cloneArray(shape.array),
  };
}

function cloneStrings(stats: StringStats): StringStats {
  return { count: stats.count, formats: stats.formats, values: stats.values ? new Map(stats.values) : stats.values };
}

function cloneObject(stats: ObjectStats): ObjectStats {
  return {
    count: stats.count,
    keyClasses: stats.keyClasses,
    properties: stats.properties && new Map([...stats.properties].map(([key, child]) => [key, cloneShape(child)])),
    values: stats.values && cloneShape(stats.values),
    order: undefined,
  };
}

function cloneArray(stats: ArrayStats): ArrayStats {
  return { count: stats.count, items: stats.items && cloneShape(stats.items) };
}
