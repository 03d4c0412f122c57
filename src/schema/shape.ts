import type { JsonValue } from './types.js';

/**
 * What inference has learned about the values seen at one position of a document: how many there
 * were of each JSON type, and for containers the shapes of their children. Shapes merge, so a
 * baseline can keep learning from later samples.
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
  strings: number;
  object: ObjectShape | undefined;
  array: ArrayShape | undefined;
}

export interface ObjectShape {
  count: number;
  properties: Map<string, Shape>;
}

export interface ArrayShape {
  count: number;
  items: Shape | undefined;
}

export class InferenceError extends Error {
  readonly code: 'too-deep';
  constructor(code: 'too-deep', message: string) {
    super(message);
    this.name = 'InferenceError';
    this.code = code;
  }
}

export const DEFAULT_MAX_DEPTH = 256;

export function emptyShape(): Shape {
  return { count: 0, nulls: 0, booleans: 0, integers: 0, fractions: 0, strings: 0, object: undefined, array: undefined };
}

/** Adds one sample value to a shape, in place. */
export function addSample(shape: Shape, value: JsonValue, maxDepth = DEFAULT_MAX_DEPTH): Shape {
  addValue(shape, value, 0, maxDepth);
  return shape;
}

function addValue(shape: Shape, value: JsonValue, depth: number, maxDepth: number): void {
  if (depth > maxDepth) {
    throw new InferenceError('too-deep', `document nests deeper than ${maxDepth} levels`);
  }
  shape.count++;
  if (value === null) {
    shape.nulls++;
  } else if (typeof value === 'boolean') {
    shape.booleans++;
  } else if (typeof value === 'number') {
    if (Number.isInteger(value)) shape.integers++;
    else shape.fractions++;
  } else if (typeof value === 'string') {
    shape.strings++;
  } else if (Array.isArray(value)) {
    const array = (shape.array ??= { count: 0, items: undefined });
    array.count++;
    for (const item of value) {
      addValue((array.items ??= emptyShape()), item, depth + 1, maxDepth);
    }
  } else {
    const object = (shape.object ??= { count: 0, properties: new Map() });
    object.count++;
    for (const key of Object.keys(value)) {
      let child = object.properties.get(key);
      if (child === undefined) {
        child = emptyShape();
        object.properties.set(key, child);
      }
      addValue(child, value[key] as JsonValue, depth + 1, maxDepth);
    }
  }
}

/** Merges shape `b` into a copy of shape `a`; neither argument is changed. */
export function mergeShapes(a: Shape | undefined, b: Shape | undefined): Shape | undefined {
  if (a === undefined) return b === undefined ? undefined : cloneShape(b);
  if (b === undefined) return cloneShape(a);
  const merged: Shape = {
    count: a.count + b.count,
    nulls: a.nulls + b.nulls,
    booleans: a.booleans + b.booleans,
    integers: a.integers + b.integers,
    fractions: a.fractions + b.fractions,
    strings: a.strings + b.strings,
    object: undefined,
    array: undefined,
  };
  if (a.object || b.object) {
    const properties = new Map<string, Shape>();
    const keys = new Set([...(a.object?.properties.keys() ?? []), ...(b.object?.properties.keys() ?? [])]);
    for (const key of keys) {
      properties.set(key, mergeShapes(a.object?.properties.get(key), b.object?.properties.get(key))!);
    }
    merged.object = { count: (a.object?.count ?? 0) + (b.object?.count ?? 0), properties };
  }
  if (a.array || b.array) {
    merged.array = {
      count: (a.array?.count ?? 0) + (b.array?.count ?? 0),
      items: mergeShapes(a.array?.items, b.array?.items),
    };
  }
  return merged;
}

function cloneShape(shape: Shape): Shape {
  return {
    ...shape,
    object: shape.object && {
      count: shape.object.count,
      properties: new Map([...shape.object.properties].map(([k, v]) => [k, cloneShape(v)])),
    },
    array: shape.array && { count: shape.array.count, items: shape.array.items && cloneShape(shape.array.items) },
  };
}
