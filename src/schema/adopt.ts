import { canonicalize } from './canonical.js';
import { isSchemaObject, requiredSet, typeAdmitted, typeSet, withoutNull } from './normalize.js';
import type { JsonSchema, JsonType } from './types.js';

/**
 * The new baseline when a user accepts an observation: the observed shape wins wherever it
 * contradicts the baseline, and what the baseline learned about variance is kept (properties it
 * has seen come and go stay optional, null stays allowed where it was).
 */
export function adoptObservation(baseline: JsonSchema, observed: JsonSchema): JsonSchema {
  return canonicalize(adoptNode(baseline, observed));
}

function adoptNode(baseline: JsonSchema, observed: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...observed };
  const baseTypes = typeSet(baseline);
  const obsTypes = typeSet(observed);
  if (baseTypes && obsTypes) {
    const obsValueTypes = withoutNull(obsTypes);
    const compatible = [...obsValueTypes].every((t) => typeAdmitted(t, withoutNull(baseTypes)));
    const types = new Set<JsonType>(compatible ? baseTypes : obsTypes);
    if (baseTypes.has('null') || obsTypes.has('null')) types.add('null');
    out.type = [...types];
    delete out.nullable;
  }
  if (isSchemaObject(baseline.properties) || isSchemaObject(observed.properties)) {
    const baseProps = baseline.properties ?? {};
    const obsProps = observed.properties ?? {};
    const baseRequired = requiredSet(baseline);
    const obsRequired = requiredSet(observed);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const key of new Set([...Object.keys(baseProps), ...Object.keys(obsProps)])) {
      const b = baseProps[key];
      const o = obsProps[key];
      if (b && o) {
        properties[key] = adoptNode(b, o);
        if (baseRequired.has(key) && obsRequired.has(key)) required.push(key);
      } else if (o) {
        properties[key] = o;
        if (obsRequired.has(key)) required.push(key);
      } else if (b) {
        properties[key] = b;
      }
    }
    out.properties = properties;
    if (required.length > 0) out.required = required;
    else delete out.required;
  }
  if (isSchemaObject(baseline.items) && isSchemaObject(observed.items)) {
    out.items = adoptNode(baseline.items, observed.items);
  } else if (isSchemaObject(baseline.items) && observed.items === undefined) {
    out.items = baseline.items;
  }
  return out;
}
