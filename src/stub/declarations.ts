import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { joinPointer } from '../diff/pointer.js';
import type { JsonSchema } from '../schema/types.js';
import { kindsOf, restrict, restrictToKinds, type Kind } from './kinds.js';
import { NameRegistry, pointerStem } from './names.js';

/** Own-side JSON Pointer of every object node → the name of its TypeScript interface. */
export type TypeNames = Map<string, string>;

export interface Declarations {
  text: string;
  names: TypeNames;
}

/**
 * TypeScript declarations for a sanitized schema, by json-schema-to-typescript: the root is named
 * `rootName`, every object node below it gets an interface named after its path
 * (`StripeChargesBaselineCustomer`), so adapter helpers can name what they take and return.
 */
export async function declareTypes(schema: JsonSchema, rootName: string, registry: NameRegistry): Promise<Declarations> {
  const names: TypeNames = new Map();
  const titled = titleObjects(schema, '', rootName, registry, names);
  const text = await compile(titled as JSONSchema, rootName, {
    bannerComment: '',
    format: false,
    additionalProperties: false,
    unknownAny: true,
    strictIndexSignatures: false,
    ignoreMinAndMaxItems: true,
    declareExternallyReferenced: true,
    enableConstEnums: false,
    inferStringEnumKeysFromValues: false,
    unreachableDefinitions: false,
    $refOptions: { resolve: { external: false } },
  });
  for (const name of new Set([rootName, ...names.values()])) {
    if (!new RegExp(`\\b(interface|type) ${name}\\b`).test(text)) {
      throw new Error(`json-schema-to-typescript did not declare ${name}; the stub would not compile`);
    }
  }
  return { text: text.trim(), names };
}

function titleObjects(schema: JsonSchema, pointer: string, rootName: string, registry: NameRegistry, names: TypeNames): JsonSchema {
  const kinds = kindsOf(schema);
  const isRoot = pointer === '';
  let name: string | undefined;
  if (kinds?.has('object')) {
    name = isRoot && kinds.size === 1 ? rootName : registry.claim(isRoot ? `${rootName}Object` : `${rootName}${pointerStem(pointer)}`);
    names.set(pointer, name);
  }

  const out: JsonSchema = { ...schema };
  if (out.properties) {
    const properties: Record<string, JsonSchema> = {};
    for (const [key, child] of Object.entries(out.properties)) {
      properties[key] = titleObjects(child, joinPointer(pointer, 'properties', key), rootName, registry, names);
    }
    out.properties = properties;
  }
  if (out.items && typeof out.items === 'object') out.items = titleObjects(out.items, joinPointer(pointer, 'items'), rootName, registry, names);
  if (out.additionalProperties && typeof out.additionalProperties === 'object') {
    out.additionalProperties = titleObjects(out.additionalProperties, joinPointer(pointer, 'additionalProperties'), rootName, registry, names);
  }

  if (name === undefined || kinds === undefined) {
    if (isRoot) out.title = rootName;
    return out;
  }
  if (kinds.size === 1) return { ...out, title: name };
  // An object that may also be something else (null, a string…): the object part gets its own
  // interface, so helpers can take it once the other kinds are ruled out.
  const objectPart: JsonSchema = { ...restrict(out, 'object'), title: name };
  const others = [...kinds].filter((k): k is Exclude<Kind, 'object'> => k !== 'object');
  const union: JsonSchema = { anyOf: [objectPart, restrictToKinds(out, others)] };
  if (isRoot) union.title = rootName;
  return union;
}
