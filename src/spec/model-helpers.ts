import type { JsonSchema } from '../schema/types.js';
import { SpecLoadError } from './errors.js';
import { followRefs } from './refs.js';
import type { ParameterLocation, SecurityRequirement } from './types.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function objectAt(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function stringAt(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function schemaAt(value: unknown): JsonSchema | undefined {
  return isObject(value) ? (value as JsonSchema) : undefined;
}

/** Follows `$ref`s of a non-schema object (parameter, response, header…); a broken one is a load error naming where it was met. */
export function deref(root: JsonObject, value: unknown, source: string, where: string): JsonObject {
  const outcome = followRefs(root, value);
  if (!outcome.ok) throw new SpecLoadError(source, `${where}: ${outcome.problem}`);
  return outcome.value;
}

export function securityAt(value: unknown): SecurityRequirement[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isObject).map((requirement) => {
    const out: SecurityRequirement = {};
    for (const [name, scopes] of Object.entries(requirement)) {
      out[name] = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
    }
    return out;
  });
}

export const PARAMETER_LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie'];

/** A parameter's key in an operation: path parameters by position in the template (renaming `{id}` changes nothing on the wire). */
export function parameterKey(location: ParameterLocation, name: string, path: string): string {
  if (location === 'path') {
    const index = pathParameterNames(path).indexOf(name);
    return index >= 0 ? `path/${index}` : `path/${name}`;
  }
  return `${location}/${location === 'header' ? name.toLowerCase() : name}`;
}

export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/** Trailing slashes dropped, so `https://api.example.com/` and `https://api.example.com` are one server. */
export function normalizeServerUrl(url: string): string {
  return url.length > 1 ? url.replace(/\/+$/, '') : url;
}
