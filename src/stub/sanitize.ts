import { canonicalize, stableStringify } from '../schema/canonical.js';
import { isSchemaObject, typeSet } from '../schema/normalize.js';
import type { JsonSchema, JsonType, JsonValue } from '../schema/types.js';
import { joinPointer } from '../diff/pointer.js';

/**
 * The part of a schema a stub is generated from. Only structural keywords survive: no `title`,
 * `description`, `default`, `examples`, `pattern` or vendor extensions (json-schema-to-typescript
 * would print `tsType` as code and descriptions as comments), no remote `$ref` (local ones are
 * inlined), and `enum`/`const` values only where every value is allowed: a stub may print the
 * values of the baseline's contract, never a value that was only ever observed.
 */
export interface SanitizedSchema {
  schema: JsonSchema;
  /** Own-side JSON Pointer → how many enum values were left out there because they are not allowed. */
  droppedEnumValues: Map<string, number>;
}

export interface SanitizeOptions {
  /** `stableStringify` of every enum or const value allowed to appear; undefined allows all. */
  allowedValues?: ReadonlySet<string> | undefined;
}

const MAX_DEPTH = 64;
const FORMAT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export function sanitizeSchema(schema: JsonSchema, options: SanitizeOptions = {}): SanitizedSchema {
  const dropped = new Map<string, number>();
  const walker = new Sanitizer(schema, options.allowedValues, dropped);
  return { schema: canonicalize(walker.node(schema, '', 0, [])), droppedEnumValues: dropped };
}

/** `stableStringify` of every `enum` and `const` value anywhere in a schema: the values it makes part of the contract. */
export function contractValues(schema: unknown): Set<string> {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'enum' && Array.isArray(value)) for (const v of value) out.add(stableStringify(v));
      else if (key === 'const') out.add(stableStringify(value));
      else visit(value);
    }
  };
  visit(schema);
  return out;
}

export function kindOfValue(value: unknown): JsonType | 'other' {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  return 'other';
}

class Sanitizer {
  constructor(
    private readonly root: JsonSchema,
    private readonly allowed: ReadonlySet<string> | undefined,
    private readonly dropped: Map<string, number>,
  ) {}

  node(input: unknown, pointer: string, depth: number, refs: readonly string[]): JsonSchema {
    if (!isSchemaObject(input) || depth > MAX_DEPTH) return {};
    if (typeof input.$ref === 'string') {
      const ref = input.$ref;
      const target = ref.startsWith('#') && !refs.includes(ref) ? resolveLocal(this.root, ref) : undefined;
      return target === undefined ? {} : this.node(target, pointer, depth + 1, [...refs, ref]);
    }
    const out: JsonSchema = {};
    const types = typeSet(input);
    if (types) out.type = [...types].sort();

    if (isSchemaObject(input.properties)) {
      const properties: Record<string, JsonSchema> = {};
      for (const name of Object.keys(input.properties).sort()) {
        // An object literal key `__proto__` sets a prototype instead of a property; no generator handles it.
        if (name === '__proto__') continue;
        properties[name] = this.node(input.properties[name], joinPointer(pointer, 'properties', name), depth + 1, refs);
      }
      out.properties = properties;
      const required = Array.isArray(input.required)
        ? input.required.filter((n): n is string => typeof n === 'string' && Object.prototype.hasOwnProperty.call(properties, n))
        : [];
      if (required.length > 0) out.required = required;
    }
    if (isSchemaObject(input.additionalProperties)) {
      out.additionalProperties = this.node(input.additionalProperties, joinPointer(pointer, 'additionalProperties'), depth + 1, refs);
    } else if (input.additionalProperties === false) {
      out.additionalProperties = false;
    }
    if (isSchemaObject(input.items)) out.items = this.node(input.items, joinPointer(pointer, 'items'), depth + 1, refs);

    const values = Array.isArray(input.enum) ? input.enum : 'const' in input ? [input.const as JsonValue] : undefined;
    if (values !== undefined) this.enumeration(values, out, pointer);

    for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
      const members = input[keyword];
      if (Array.isArray(members) && members.length > 0) {
        out[keyword] = members.map((m, i) => this.node(m, joinPointer(pointer, keyword, String(i)), depth + 1, refs));
      }
    }
    if (typeof input.format === 'string' && FORMAT_NAME.test(input.format)) out.format = input.format;
    return out;
  }

  /** Keeps an enum only when every value is a primitive that may be printed; otherwise the node is left open. */
  private enumeration(values: readonly unknown[], out: JsonSchema, pointer: string): void {
    const primitive = values.every((v) => kindOfValue(v) !== 'other');
    const allowed = values.filter((v) => this.allowed === undefined || this.allowed.has(stableStringify(v)));
    if (primitive && allowed.length === values.length) {
      out.enum = values as JsonValue[];
      return;
    }
    if (values.length > allowed.length) this.dropped.set(pointer, values.length - allowed.length);
    if (out.type === undefined) {
      // Open up to the kinds of the values, so the node still admits them.
      const kinds = new Set<JsonType>();
      for (const v of values) {
        const kind = kindOfValue(v);
        if (kind === 'other') return;
        kinds.add(kind);
      }
      out.type = [...kinds].sort();
    }
  }
}

function resolveLocal(root: JsonSchema, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
