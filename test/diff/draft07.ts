import { resolvePointer } from '../../src/diff/resolve.js';

/**
 * A schema (JSON Schema 2020-12 or OpenAPI 3.0 flavoured) as json-schema-diff can read it: draft-07
 * with no `$ref` (json-schema-diff follows no cycle: references are inlined to `depth` hops, and
 * deeper ones replaced by a stand-in that names them, the same on both sides), `nullable` as a
 * `null` type, 3.0's boolean exclusive bounds as numbers, and OpenAPI-only keywords left out.
 */
export function toDraft07(schema: unknown, root: unknown, depth: number): unknown {
  return convert(schema, root, depth);
}

const DROPPED = new Set(['discriminator', 'nullable', 'x-nullable', 'deprecated', 'readOnly', 'writeOnly', 'example', 'examples', 'xml', 'externalDocs', '$defs', '$schema', '$id', 'definitions']);

/** A schema that stands for "whatever `ref` names": equal for equal references, and constraining like one. */
function standIn(ref: string): Record<string, unknown> {
  return { type: 'object', required: [`$ref ${ref}`] };
}

function convert(node: unknown, root: unknown, depth: number): unknown {
  if (Array.isArray(node)) return node.map((item) => convert(item, root, depth));
  if (node === null || typeof node !== 'object') return node;
  const schema = node as Record<string, unknown>;
  if (typeof schema.$ref === 'string') {
    const target = resolvePointer(root, schema.$ref);
    if (depth <= 0 || target === undefined) return standIn(schema.$ref);
    return convert(target, root, depth - 1);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, convert(v, root, depth)]));
    } else if (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') {
      if (typeof value === 'number') out[key] = value;
    } else if (key === 'const' || key === 'enum' || key === 'default') {
      out[key] = value;
    } else {
      out[key] = convert(value, root, depth);
    }
  }
  for (const [bool, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (schema[bool] === true && typeof schema[bound] === 'number') {
      out[bool] = schema[bound];
      delete out[bound];
    }
  }
  if (schema.nullable === true || schema['x-nullable'] === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type)) out.type = [...new Set([...(out.type as string[]), 'null'])];
    else return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}
