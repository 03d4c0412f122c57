import { stableStringify } from '../schema/canonical.js';
import { isSchemaObject, requiredSet } from '../schema/normalize.js';
import type { JsonSchema, JsonType, JsonValue } from '../schema/types.js';
import { kindOfValue } from './sanitize.js';

/** The runtime kinds a generated adapter tells apart (`typeof`, `Array.isArray`, `=== null`). */
export type Kind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

/** The order conversions are dispatched in; `object` last, so it needs no guard of its own. */
export const KIND_ORDER: readonly Kind[] = ['null', 'boolean', 'number', 'string', 'array', 'object'];

export function kindOfType(type: JsonType): Kind {
  return type === 'integer' ? 'number' : type;
}

function declaredTypes(schema: JsonSchema): JsonType[] | undefined {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  return undefined;
}

/** The kinds a (sanitized) schema node admits; undefined when it admits anything. */
export function kindsOf(schema: JsonSchema): Set<Kind> | undefined {
  const types = declaredTypes(schema);
  if (types) return new Set(types.map(kindOfType));
  if (Array.isArray(schema.enum)) {
    const kinds = new Set<Kind>();
    for (const value of schema.enum) {
      const kind = kindOfValue(value);
      if (kind === 'other') return undefined;
      kinds.add(kindOfType(kind));
    }
    return kinds;
  }
  return undefined;
}

export function isComposite(schema: JsonSchema): boolean {
  return schema.anyOf !== undefined || schema.oneOf !== undefined || schema.allOf !== undefined;
}

/** Whether the number kind of a node admits only integers. */
export function integerOnly(schema: JsonSchema): boolean {
  const types = declaredTypes(schema);
  if (types) return types.includes('integer') && !types.includes('number');
  return Array.isArray(schema.enum) && schema.enum.every((v) => typeof v !== 'number' || Number.isInteger(v));
}

/** The node seen as one kind only: its type, enum and keywords narrowed to that kind. */
export function restrict(schema: JsonSchema, kind: Kind): JsonSchema {
  const out: JsonSchema = { ...schema };
  const types = declaredTypes(schema);
  if (types) {
    const kept = types.filter((t) => kindOfType(t) === kind);
    out.type = kept.length === 1 ? kept[0] : kept;
  }
  if (Array.isArray(schema.enum)) {
    out.enum = schema.enum.filter((v) => {
      const k = kindOfValue(v);
      return k !== 'other' && kindOfType(k) === kind;
    });
  }
  if (kind !== 'object') {
    delete out.properties;
    delete out.required;
    delete out.additionalProperties;
  }
  if (kind !== 'array') delete out.items;
  if (kind !== 'string') delete out.format;
  return out;
}

/** The node seen as some of its kinds only. */
export function restrictToKinds(schema: JsonSchema, kinds: readonly Kind[]): JsonSchema {
  if (kinds.length === 1) return restrict(schema, kinds[0]!);
  const parts = kinds.map((k) => restrict(schema, k));
  const types = parts.flatMap((p) => (Array.isArray(p.type) ? p.type : p.type ? [p.type] : []));
  const out: JsonSchema = { ...schema };
  if (schema.type !== undefined) out.type = types.length === 1 ? types[0] : types;
  if (Array.isArray(schema.enum)) out.enum = parts.flatMap((p) => p.enum ?? []);
  if (!kinds.includes('object')) {
    delete out.properties;
    delete out.required;
    delete out.additionalProperties;
  }
  if (!kinds.includes('array')) delete out.items;
  if (!kinds.includes('string')) delete out.format;
  return out;
}

/** The enum values of a node restricted to one kind, or undefined when the node is open. */
export function enumValues(schema: JsonSchema): JsonValue[] | undefined {
  if (!Array.isArray(schema.enum)) return undefined;
  return [...schema.enum].sort((a, b) => compareText(stableStringify(a), stableStringify(b)));
}

export function sameSchema(a: JsonSchema | undefined, b: JsonSchema | undefined): boolean {
  return stableStringify(a ?? {}) === stableStringify(b ?? {});
}

export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return isSchemaObject(schema.properties) ? schema.properties : {};
}

export function itemsOf(schema: JsonSchema): JsonSchema | undefined {
  return isSchemaObject(schema.items) ? schema.items : undefined;
}

export function isRequired(schema: JsonSchema, name: string): boolean {
  return requiredSet(schema).has(name);
}

/** Code-point order, independent of the locale the generator runs in. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A TypeScript literal for a primitive JSON value. */
export function literal(value: JsonValue): string {
  return JSON.stringify(value);
}
