import { isSchemaObject } from '../schema/normalize.js';
import type { JsonSchema } from '../schema/types.js';
import { matchBranches } from './branches.js';
import { alternativesOf, propertiesOf } from './facts.js';
import { isHidden, lensOf } from './properties.js';
import type { DiffContext } from './types.js';

/** A position below a pair of cores that both versions have. */
export interface ChildSite {
  /** Pointer tokens from the parent node. */
  at: string[];
  before: JsonSchema;
  after: JsonSchema;
  /** Whether the site rules (nullable, deprecated, …) compare the two positions. */
  siteRules: boolean;
  /** Whether the walker compares what the two positions hold. */
  descend: boolean;
}

/** One side has alternatives (`anyOf`/`oneOf`) and the other is a single plain value. */
export function isPlainVersusAlternatives(before: JsonSchema, after: JsonSchema): boolean {
  return (alternativesOf(before) === undefined) !== (alternativesOf(after) === undefined);
}

/**
 * The positions the walker descends into: properties both versions have (unless hidden from this
 * side of the API), array items, tuple items, map values, and matched alternatives. A plain value
 * paired with one of the other side's alternatives is compared in place, at the same pointer.
 */
export function childSites(before: JsonSchema, after: JsonSchema, ctx: DiffContext): ChildSite[] {
  const sites: ChildSite[] = [];
  const beforeProps = propertiesOf(before);
  const afterProps = propertiesOf(after);
  for (const name of Object.keys(beforeProps)) {
    if (!Object.prototype.hasOwnProperty.call(afterProps, name)) continue;
    const b = beforeProps[name];
    const a = afterProps[name];
    if (!isSchemaObject(b) || !isSchemaObject(a)) continue;
    const hiddenBefore = isHidden(b, 'before', ctx);
    const hiddenAfter = isHidden(a, 'after', ctx);
    if (hiddenBefore && hiddenAfter) continue;
    sites.push({ at: ['properties', name], before: b, after: a, siteRules: true, descend: !hiddenBefore && !hiddenAfter });
  }
  if (isSchemaObject(before.items) && isSchemaObject(after.items)) {
    sites.push({ at: ['items'], before: before.items, after: after.items, siteRules: true, descend: true });
  }
  if (Array.isArray(before.prefixItems) && Array.isArray(after.prefixItems)) {
    const count = Math.min(before.prefixItems.length, after.prefixItems.length);
    for (let i = 0; i < count; i++) {
      const b = before.prefixItems[i];
      const a = after.prefixItems[i];
      if (isSchemaObject(b) && isSchemaObject(a)) sites.push({ at: ['prefixItems', String(i)], before: b, after: a, siteRules: true, descend: true });
    }
  }
  if (isSchemaObject(before.additionalProperties) && isSchemaObject(after.additionalProperties)) {
    sites.push({ at: ['additionalProperties'], before: before.additionalProperties, after: after.additionalProperties, siteRules: true, descend: true });
  }
  const match = matchBranches(before, after, lensOf(ctx));
  if (match) {
    for (const pair of match.pairs) {
      const b = match.before.branches[pair.before]!;
      const a = match.after.branches[pair.after]!;
      if (match.before.keyword !== undefined && match.after.keyword !== undefined) {
        sites.push({ at: [match.after.keyword, String(pair.after)], before: b, after: a, siteRules: true, descend: true });
      } else {
        sites.push({ at: [], before: b, after: a, siteRules: false, descend: true });
      }
    }
  }
  return sites;
}
