import { stableStringify } from '../schema/canonical.js';
import type { JsonSchema } from '../schema/types.js';
import { alternativesOf, describeTypes, propertiesOf, typesOf, valueKey, withoutNull } from './facts.js';
import type { SchemaLens, Side } from './types.js';

/**
 * Which `anyOf`/`oneOf` alternatives of two versions of a node are the same alternative. When only
 * one side has alternatives, the other side counts as a single alternative (a field that became
 * expandable: `string` → `anyOf: [string, customer]`), marked `plain`.
 */
export interface BranchMatch {
  before: Alternatives;
  after: Alternatives;
  pairs: { before: number; after: number }[];
  added: number[];
  removed: number[];
}

export interface Alternatives {
  /** Undefined for the plain side. */
  keyword: 'anyOf' | 'oneOf' | undefined;
  branches: JsonSchema[];
}

// Kept per lens (one diff's documents) in plain Maps: WeakMaps with tens of thousands of keys cost the garbage collector dearly.
const memo = new WeakMap<SchemaLens, Map<JsonSchema, Map<JsonSchema, BranchMatch | null>>>();
const exactKeys = new WeakMap<SchemaLens, Map<JsonSchema, string>>();

export function matchBranches(before: JsonSchema, after: JsonSchema, lens: SchemaLens): BranchMatch | undefined {
  let byLens = memo.get(lens);
  if (!byLens) memo.set(lens, (byLens = new Map()));
  let byBefore = byLens.get(before);
  if (!byBefore) byLens.set(before, (byBefore = new Map()));
  const cached = byBefore.get(after);
  if (cached !== undefined) return cached ?? undefined;
  const result = computeMatch(before, after, lens);
  byBefore.set(after, result ?? null);
  return result;
}

function alternatives(core: JsonSchema): Alternatives {
  const alt = alternativesOf(core);
  return alt ? { keyword: alt.keyword, branches: alt.branches } : { keyword: undefined, branches: [core] };
}

function computeMatch(beforeCore: JsonSchema, afterCore: JsonSchema, lens: SchemaLens): BranchMatch | undefined {
  const before = alternatives(beforeCore);
  const after = alternatives(afterCore);
  if (before.keyword === undefined && after.keyword === undefined) return undefined;
  const pairs: { before: number; after: number }[] = [];
  const freeBefore = new Set(before.branches.map((_, i) => i));
  const freeAfter = new Set(after.branches.map((_, i) => i));
  const keyers: ((branch: JsonSchema, side: Side) => string | undefined)[] = [
    (branch, side) => refKey(branch, side, lens),
    (branch) => exactKey(branch, lens),
    (branch, side) => kindKey(branch, side, lens),
  ];
  for (const keyOf of keyers) {
    const beforeKeys = uniqueKeys(before.branches, freeBefore, 'before', keyOf);
    const afterKeys = uniqueKeys(after.branches, freeAfter, 'after', keyOf);
    for (const [key, i] of beforeKeys) {
      const j = afterKeys.get(key);
      if (j === undefined) continue;
      pairs.push({ before: i, after: j });
      freeBefore.delete(i);
      freeAfter.delete(j);
    }
  }
  pairs.sort((x, y) => x.after - y.after);
  return { before, after, pairs, added: [...freeAfter].sort((x, y) => x - y), removed: [...freeBefore].sort((x, y) => x - y) };
}

/** Key → index for the free branches whose key no other free branch shares. */
function uniqueKeys(
  branches: JsonSchema[],
  free: ReadonlySet<number>,
  side: Side,
  keyOf: (branch: JsonSchema, side: Side) => string | undefined,
): Map<string, number> {
  const seen = new Map<string, number>();
  const shared = new Set<string>();
  for (const i of free) {
    const key = keyOf(branches[i]!, side);
    if (key === undefined) continue;
    if (seen.has(key)) shared.add(key);
    else seen.set(key, i);
  }
  for (const key of shared) seen.delete(key);
  return seen;
}

function refKey(branch: JsonSchema, side: Side, lens: SchemaLens): string | undefined {
  if (typeof branch.$ref === 'string') return branch.$ref;
  return lens.refOf(lens.core(branch, side), side);
}

function exactKey(branch: JsonSchema, lens: SchemaLens): string {
  let keys = exactKeys.get(lens);
  if (!keys) exactKeys.set(lens, (keys = new Map()));
  let key = keys.get(branch);
  if (key === undefined) keys.set(branch, (key = stableStringify(branch)));
  return key;
}

/**
 * What kind of value a branch describes: its types, and for objects the property that tells kinds
 * apart (one whose schema allows a single value, like Stripe's `object: {enum: ['customer']}`).
 */
function kindKey(branch: JsonSchema, side: Side, lens: SchemaLens): string | undefined {
  const site = lens.site(branch, side);
  const types = typesOf(site, lens, side);
  if (!types) return undefined;
  let key = describeTypes(withoutNull(types));
  if (types.has('object')) {
    const properties = propertiesOf(site);
    for (const name of Object.keys(properties).sort()) {
      const property = lens.site(properties[name]!, side);
      const single = Object.prototype.hasOwnProperty.call(property, 'const')
        ? property.const
        : Array.isArray(property.enum) && property.enum.length === 1
          ? property.enum[0]
          : undefined;
      if (single !== undefined) return `${key}|${name}=${valueKey(single)}`;
    }
    if (typeof site.title === 'string') key += `|${site.title}`;
  }
  return key;
}
