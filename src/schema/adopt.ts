import { canonicalize } from './canonical.js';
import { isSchemaObject, requiredSet, typeAdmitted, typeSet, withoutNull } from './normalize.js';
import { setOwn } from './own.js';
import { enumWithNull, isMapSchema, onlyStringsAndNull, valuesSchema } from './union.js';
import type { JsonSchema, JsonType } from './types.js';

/** Keywords adoption decides itself; any other keyword of the baseline is kept as it was. */
const DECIDED = new Set(['type', 'nullable', 'format', 'enum', 'properties', 'required', 'additionalProperties', 'items']);

/**
 * The new baseline when a user accepts an observation (and what a drift run stores as observed):
 * the observed shape wins wherever it contradicts the baseline, and what the baseline learned is
 * kept where the observation does not contradict it:
 *
 * - types: the baseline's when they admit every observed type, else the observed ones; null stays
 *   allowed where either allowed it;
 * - properties: seen come and go stay optional; a property the observation lacks is kept (optional);
 * - `enum` only where the baseline had one, widened by the values observed (dropped when the
 *   observation saw more distinct values than it keeps), so no free-text response value is stored;
 * - `format` only where the baseline had it and every observed string still matched it;
 * - maps (`additionalProperties`) stay maps; an observation that shows data keys makes one.
 *
 * `observed` is usually observation-flavour inference; adopting the result again changes nothing
 * (`adopt(b, adopt(b, o))` equals `adopt(b, o)`).
 */
export function adoptObservation(baseline: JsonSchema, observed: JsonSchema): JsonSchema {
  return canonicalize(adoptNode(baseline, observed));
}

function adoptNode(baseline: JsonSchema, observed: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(baseline)) if (!DECIDED.has(key)) setOwn(out, key, value);
  if (observed.$schema !== undefined && out.$schema === undefined) out.$schema = observed.$schema;

  const baseTypes = typeSet(baseline);
  const obsTypes = typeSet(observed);
  let types: Set<JsonType> | undefined;
  if (baseTypes && obsTypes) {
    const compatible = [...withoutNull(obsTypes)].every((t) => typeAdmitted(t, withoutNull(baseTypes)));
    types = new Set<JsonType>(compatible ? baseTypes : obsTypes);
    if (baseTypes.has('null') || obsTypes.has('null')) types.add('null');
  } else {
    types = baseTypes ?? obsTypes;
  }
  if (types) out.type = [...types];

  if (types?.has('string')) adoptStringFacets(out, baseline, observed, types, obsTypes);
  if (!types || types.has('object')) adoptObjectFacets(out, baseline, observed, baseTypes, obsTypes);
  if (!types || types.has('array')) {
    const b = isSchemaObject(baseline.items) ? baseline.items : undefined;
    const o = obsTypes?.has('array') !== false && isSchemaObject(observed.items) ? observed.items : undefined;
    const items = b && o ? adoptNode(b, o) : o ? withoutObservedValues(o) : b;
    if (items) out.items = items;
  }
  return out;
}

function adoptStringFacets(out: JsonSchema, baseline: JsonSchema, observed: JsonSchema, types: Set<JsonType>, obsTypes: Set<JsonType> | undefined): void {
  const sawStrings = obsTypes?.has('string') === true;
  if (baseline.format !== undefined && (!sawStrings || observed.format === baseline.format)) out.format = baseline.format;
  if (Array.isArray(baseline.enum) && onlyStringsAndNull(types)) {
    if (!sawStrings) out.enum = enumWithNull(baseline.enum, types.has('null'));
    else if (Array.isArray(observed.enum)) out.enum = enumWithNull([...baseline.enum, ...observed.enum], types.has('null'));
  }
}

function adoptObjectFacets(
  out: JsonSchema,
  baseline: JsonSchema,
  observed: JsonSchema,
  baseTypes: Set<JsonType> | undefined,
  obsTypes: Set<JsonType> | undefined,
): void {
  const sawObjects = obsTypes === undefined || obsTypes.has('object');
  const hadObjects = baseTypes === undefined || baseTypes.has('object');
  if (!sawObjects) return copyObject(out, baseline);
  if (!hadObjects) return copyObject(out, withoutObservedValues(observed));

  if (isMapSchema(baseline) || isMapSchema(observed)) {
    const b = valuesSchema(baseline);
    const o = valuesSchema(observed);
    const values = b && o ? adoptNode(b, o) : o ? withoutObservedValues(o) : b;
    if (values) out.additionalProperties = values;
    return;
  }

  const baseProps = baseline.properties ?? {};
  const obsProps = observed.properties ?? {};
  const baseRequired = requiredSet(baseline);
  const obsRequired = requiredSet(observed);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const key of new Set([...Object.keys(baseProps), ...Object.keys(obsProps)])) {
    const b = Object.prototype.hasOwnProperty.call(baseProps, key) ? baseProps[key] : undefined;
    const o = Object.prototype.hasOwnProperty.call(obsProps, key) ? obsProps[key] : undefined;
    if (b && o) {
      setOwn(properties, key, adoptNode(b, o));
      if (baseRequired.has(key) && obsRequired.has(key)) required.push(key);
    } else if (o) {
      setOwn(properties, key, withoutObservedValues(o));
      if (obsRequired.has(key)) required.push(key);
    } else if (b) {
      setOwn(properties, key, b);
    }
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (required.length > 0) out.required = required;
}

function copyObject(out: JsonSchema, from: JsonSchema): void {
  if (from.properties !== undefined) out.properties = from.properties;
  if (from.required !== undefined) out.required = from.required;
  if (from.additionalProperties !== undefined) out.additionalProperties = from.additionalProperties;
}

/**
 * An observation-flavour schema stripped of what only observation says: its `enum`s (response
 * values) and its `format`s (asserted from as little as one value). What is left is what a
 * baseline may learn from a part it has never seen.
 */
export function withoutObservedValues(schema: JsonSchema): JsonSchema {
  return without(schema, new Set(['enum', 'format']));
}

/** An observation-flavour schema without its `enum`s: the response values it saw. */
export function withoutObservedEnums(schema: JsonSchema): JsonSchema {
  return without(schema, new Set(['enum']));
}

function without(schema: JsonSchema, keywords: ReadonlySet<string>): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (keywords.has(key)) continue;
    if (key === 'properties' && isSchemaObject(value)) {
      const properties: Record<string, JsonSchema> = {};
      for (const [name, child] of Object.entries(value)) setOwn(properties, name, isSchemaObject(child) ? without(child, keywords) : child);
      out.properties = properties;
    } else if ((key === 'items' || key === 'additionalProperties') && isSchemaObject(value)) {
      out[key] = without(value, keywords);
    } else {
      setOwn(out, key, value);
    }
  }
  return out;
}

