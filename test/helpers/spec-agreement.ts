/**
 * How far a schema inferred from example objects agrees with what a vendor's OpenAPI document says
 * about the same objects: for every field both know, whether the types agree and whether the
 * nullability agrees. Used by the accuracy test on the Stripe corpus.
 */
import type { JsonSchema, JsonType } from '../../src/schema/types.js';

export interface FieldJudgement {
  /** `resource/field/sub-field`. */
  path: string;
  /** The non-null types the sample showed, and the ones the spec allows (undefined: the spec does not say). */
  inferredTypes: JsonType[];
  specTypes: JsonType[] | undefined;
  inferredNullable: boolean;
  specNullable: boolean;
  /** Undefined when not judged (the sample was only null, or the spec names no type). */
  typeAgrees: boolean | undefined;
  nullabilityAgrees: boolean;
}

export interface Agreement {
  fields: number;
  typeJudged: number;
  typeAgreed: number;
  nullabilityAgreed: number;
  /** Agreed judgements (types and nullability) over all judgements. */
  overall: number;
  judgements: FieldJudgement[];
}

type Spec = { components: { schemas: Record<string, JsonSchema> } };

interface SpecView {
  /** Non-null types, undefined when unconstrained. */
  types: Set<JsonType> | undefined;
  nullable: boolean;
  /** The object alternatives (resolved), for walking into properties. */
  objects: JsonSchema[];
  /** The array alternatives' item schemas. */
  items: JsonSchema[];
}

function resolve(spec: Spec, schema: JsonSchema, seen = 0): JsonSchema {
  if (typeof schema.$ref === 'string' && seen < 20) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = spec.components.schemas[name];
    if (target) return resolve(spec, target, seen + 1);
  }
  return schema;
}

/** What a spec node says: its types (through anyOf/oneOf/allOf and $ref), nullability, object and array parts. */
function view(spec: Spec, raw: JsonSchema, depth = 0): SpecView {
  const schema = resolve(spec, raw);
  const out: SpecView = { types: undefined, nullable: schema.nullable === true, objects: [], items: [] };
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  const addTypes = (types: Set<JsonType> | undefined): void => {
    if (types === undefined) return;
    out.types ??= new Set();
    for (const t of types) out.types.add(t);
  };
  if (alternatives.length > 0 && depth < 10) {
    for (const alt of alternatives) {
      const v = view(spec, alt, depth + 1);
      if (v.types === undefined && v.objects.length === 0) {
        out.types = undefined;
        out.nullable ||= v.nullable;
        continue;
      }
      addTypes(v.types);
      out.nullable ||= v.nullable;
      out.objects.push(...v.objects);
      out.items.push(...v.items);
    }
  }
  let own: JsonType[] = [];
  if (typeof schema.type === 'string') own = [schema.type];
  else if (Array.isArray(schema.type)) own = schema.type;
  else if (schema.properties !== undefined || schema.additionalProperties !== undefined) own = ['object'];
  for (const t of own) {
    if (t === 'null') out.nullable = true;
    else addTypes(new Set([t]));
  }
  if (own.includes('object') || schema.properties !== undefined) out.objects.push(schema);
  if (own.includes('array') && schema.items && typeof schema.items === 'object') out.items.push(schema.items as JsonSchema);
  return out;
}

function inferredTypes(schema: JsonSchema): JsonType[] {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.filter((t) => t !== 'null');
}

function admitted(t: JsonType, set: ReadonlySet<JsonType>): boolean {
  return set.has(t) || (t === 'integer' && set.has('number'));
}

/** The spec's schema for a property of any of the object alternatives (properties first, then additionalProperties). */
function specProperty(spec: Spec, objects: readonly JsonSchema[], name: string): JsonSchema | undefined {
  for (const o of objects) {
    const p = o.properties?.[name];
    if (p) return p;
  }
  for (const o of objects) {
    if (o.additionalProperties && typeof o.additionalProperties === 'object') return o.additionalProperties;
  }
  return undefined;
}

function walk(spec: Spec, inferred: JsonSchema, specNode: JsonSchema, path: string, out: FieldJudgement[], depth: number): void {
  if (depth > 30) return;
  const specView = view(spec, specNode);
  const entries: [string, JsonSchema][] = inferred.properties
    ? Object.entries(inferred.properties)
    : [];
  for (const [name, child] of entries) {
    const specChild = specProperty(spec, specView.objects, name);
    if (specChild === undefined) continue;
    judge(spec, child, specChild, `${path}/${name}`, out, depth);
  }
  // A map on our side: every field the spec documents is judged against our value schema.
  if (inferred.additionalProperties && typeof inferred.additionalProperties === 'object') {
    for (const o of specView.objects) {
      for (const [name, specChild] of Object.entries(o.properties ?? {})) judge(spec, inferred.additionalProperties, specChild, `${path}/${name}`, out, depth);
    }
  }
  if (inferred.items && typeof inferred.items === 'object') {
    for (const items of specView.items.slice(0, 1)) walk(spec, inferred.items, items, `${path}[]`, out, depth + 1);
  }
}

function judge(spec: Spec, child: JsonSchema, specChild: JsonSchema, path: string, out: FieldJudgement[], depth: number): void {
  const v = view(spec, specChild);
  const mine = inferredTypes(child);
  const mineNullable = (Array.isArray(child.type) ? child.type : [child.type]).includes('null');
  const typeAgrees = mine.length === 0 || v.types === undefined ? undefined : mine.every((t) => admitted(t, v.types!));
  out.push({
    path,
    inferredTypes: mine,
    specTypes: v.types ? [...v.types].sort() : undefined,
    inferredNullable: mineNullable,
    specNullable: v.nullable,
    typeAgrees,
    nullabilityAgrees: mineNullable === v.nullable,
  });
  walk(spec, child, specChild, path, out, depth + 1);
}

/** Judges every field that both an inferred schema of a resource and the spec's schema of it know. */
export function agreement(spec: unknown, inferredByResource: ReadonlyMap<string, JsonSchema>): Agreement {
  const s = spec as Spec;
  const judgements: FieldJudgement[] = [];
  for (const [resource, inferred] of inferredByResource) {
    const specSchema = s.components.schemas[resource];
    if (specSchema === undefined) continue;
    walk(s, inferred, specSchema, resource, judgements, 0);
  }
  const typeJudged = judgements.filter((j) => j.typeAgrees !== undefined).length;
  const typeAgreed = judgements.filter((j) => j.typeAgrees === true).length;
  const nullabilityAgreed = judgements.filter((j) => j.nullabilityAgrees).length;
  const judged = typeJudged + judgements.length;
  return {
    fields: judgements.length,
    typeJudged,
    typeAgreed,
    nullabilityAgreed,
    overall: judged === 0 ? 0 : (typeAgreed + nullabilityAgreed) / judged,
    judgements,
  };
}
