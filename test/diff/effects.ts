import type { Change } from '../../src/diff/types.js';

/**
 * What each rule says about the set of values a schema accepts, for the cross-check with
 * json-schema-diff: `widens` (the new schema accepts values the old one did not), `narrows` (the old
 * one accepted values the new one does not), `both`, or `none` (annotations: discriminator, default,
 * deprecation, readOnly/writeOnly; an `allOf` part, whose effect the property rules report). Keyed by rule id without its `response-`/`request-` side.
 */
export const EFFECTS: Readonly<Record<string, 'widens' | 'narrows' | 'both' | 'none'>> = {
  'property-removed': 'widens',
  'property-added': 'narrows',
  'optional-property-added': 'narrows',
  'required-property-added': 'narrows',
  'property-renamed': 'both',
  'property-became-optional': 'widens',
  'property-became-required': 'narrows',
  'type-widened': 'widens',
  'type-narrowed': 'narrows',
  'type-changed': 'both',
  'became-nullable': 'widens',
  'became-non-nullable': 'narrows',
  'enum-value-added': 'widens',
  'enum-value-removed': 'narrows',
  'enum-constraint-added': 'narrows',
  'enum-constraint-removed': 'widens',
  'const-added': 'narrows',
  'const-removed': 'widens',
  'const-changed': 'both',
  'format-added': 'narrows',
  'format-removed': 'widens',
  'format-changed': 'both',
  'format-not-matched': 'widens',
  'pattern-added': 'narrows',
  'pattern-removed': 'widens',
  'pattern-changed': 'both',
  'minimum-tightened': 'narrows',
  'minimum-relaxed': 'widens',
  'maximum-tightened': 'narrows',
  'maximum-relaxed': 'widens',
  'min-length-tightened': 'narrows',
  'min-length-relaxed': 'widens',
  'max-length-tightened': 'narrows',
  'max-length-relaxed': 'widens',
  'min-items-tightened': 'narrows',
  'min-items-relaxed': 'widens',
  'max-items-tightened': 'narrows',
  'max-items-relaxed': 'widens',
  'multiple-of-tightened': 'narrows',
  'multiple-of-relaxed': 'widens',
  'unique-items-added': 'narrows',
  'unique-items-removed': 'widens',
  'items-schema-added': 'narrows',
  'items-schema-removed': 'widens',
  'additional-properties-opened': 'widens',
  'additional-properties-closed': 'narrows',
  'additional-properties-constrained': 'narrows',
  'additional-properties-unconstrained': 'widens',
  'any-of-branch-added': 'widens',
  'any-of-branch-removed': 'narrows',
  'one-of-branch-added': 'widens',
  'one-of-branch-removed': 'narrows',
  'all-of-branch-added': 'none',
  'all-of-branch-removed': 'none',
  'discriminator-added': 'none',
  'discriminator-removed': 'none',
  'discriminator-property-changed': 'none',
  'discriminator-mapping-added': 'none',
  'discriminator-mapping-removed': 'none',
  'discriminator-mapping-changed': 'none',
  'default-changed': 'none',
  'became-write-only': 'none',
  'became-not-write-only': 'none',
  'became-read-only': 'none',
  'became-not-read-only': 'none',
  deprecated: 'none',
  reactivated: 'none',
};

/** A schema that accepts every value: adding or dropping a property with it changes no value set. */
function acceptsAll(schema: unknown): boolean {
  return schema === true || (schema !== null && typeof schema === 'object' && Object.keys(schema).every((k) => k === 'description' || k === 'title'));
}

export function effectOf(change: Change): 'widens' | 'narrows' | 'both' | 'none' {
  const effect = EFFECTS[change.id.replace(/^(response|request)-/, '')];
  if (effect === undefined) throw new Error(`no effect recorded for ${change.id}`);
  if (change.id.endsWith('property-added') && acceptsAll(change.after)) return 'none';
  if (change.id.endsWith('property-removed') && acceptsAll(change.before)) return 'none';
  return effect;
}

/** Whether, by our rules, the new schema accepts values the old one did not, and the other way round. */
export function valueSetChange(changes: readonly Change[]): { widens: boolean; narrows: boolean } {
  const effects = changes.map((change) => effectOf(change));
  return { widens: effects.some((e) => e === 'widens' || e === 'both'), narrows: effects.some((e) => e === 'narrows' || e === 'both') };
}
