import { canonicalize } from './canonical.js';
import { addSample, emptyShape, type Shape } from './shape.js';
import { DRAFT_2020_12, type JsonSchema, type JsonType, type JsonValue } from './types.js';

export interface InferOptions {
  maxDepth?: number;
}

/** Infers one canonical JSON Schema (draft 2020-12) that every sample validates against. */
export function inferSchema(samples: readonly JsonValue[], options: InferOptions = {}): JsonSchema {
  const shape = emptyShape();
  for (const sample of samples) addSample(shape, sample, options.maxDepth);
  return shapeToDocument(shape);
}

/** The schema document for a learned shape, with `$schema` at its root. */
export function shapeToDocument(shape: Shape): JsonSchema {
  return canonicalize({ $schema: DRAFT_2020_12, ...shapeToSchema(shape) });
}

/** The schema of one learned shape (no `$schema`). */
export function shapeToSchema(shape: Shape): JsonSchema {
  const types: JsonType[] = [];
  const schema: JsonSchema = {};
  if (shape.nulls > 0) types.push('null');
  if (shape.booleans > 0) types.push('boolean');
  if (shape.fractions > 0) types.push('number');
  else if (shape.integers > 0) types.push('integer');
  if (shape.strings > 0) types.push('string');
  if (shape.object) {
    types.push('object');
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [key, child] of shape.object.properties) {
      properties[key] = shapeToSchema(child);
      if (child.count === shape.object.count) required.push(key);
    }
    schema.properties = properties;
    if (required.length > 0) schema.required = required;
  }
  if (shape.array) {
    types.push('array');
    if (shape.array.items) schema.items = shapeToSchema(shape.array.items);
  }
  if (types.length === 1) schema.type = types[0];
  else if (types.length > 1) schema.type = types;
  return schema;
}
