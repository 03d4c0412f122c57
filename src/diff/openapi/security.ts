import type { SecurityRequirement } from '../../spec/types.js';
import { makeChange } from '../change.js';
import type { Change } from '../types.js';
import { rule, type SpecDiffContext, type SpecRule } from './spec-rule.js';

/** One alternative of a security requirement, named by its schemes: `apiKey + oauth`, or `(none)` for anonymous access. */
function alternativeName(requirement: SecurityRequirement): string {
  const names = Object.keys(requirement).sort();
  return names.length === 0 ? '(none)' : names.join(' + ');
}

function byName(requirements: SecurityRequirement[]): Map<string, SecurityRequirement> {
  return new Map(requirements.map((r) => [alternativeName(r), r]));
}

function compareRequirements(before: SecurityRequirement[], after: SecurityRequirement[], ctx: Pick<SpecDiffContext, 'path' | 'operation'>): Change[] {
  const path = `${ctx.path}/security`;
  const where = ctx.operation ?? 'the API';
  if (before.length === 0 && after.length > 0) {
    return [makeChange('request-security-added', ctx, { path, before: [], after, params: { where, after: [...byName(after).keys()].join(' or ') } })];
  }
  if (before.length > 0 && after.length === 0) {
    return [makeChange('request-security-removed', ctx, { path, before, after: [], params: { where } })];
  }
  const changes: Change[] = [];
  const b = byName(before);
  const a = byName(after);
  for (const [name, requirement] of b) {
    if (!a.has(name)) changes.push(makeChange('request-security-alternative-removed', ctx, { path, before: requirement, after: undefined, params: { where, name } }));
  }
  for (const [name, requirement] of a) {
    if (!b.has(name)) changes.push(makeChange('request-security-alternative-added', ctx, { path, before: undefined, after: requirement, params: { where, name } }));
  }
  for (const [name, bRequirement] of b) {
    const aRequirement = a.get(name);
    if (!aRequirement) continue;
    for (const scheme of Object.keys(bRequirement)) {
      const bScopes = new Set(bRequirement[scheme]);
      const aScopes = new Set(aRequirement[scheme]);
      for (const scope of aScopes) {
        if (!bScopes.has(scope)) changes.push(makeChange('request-security-scope-added', ctx, { path: `${path}/${scheme}`, before: undefined, after: scope, params: { where, scheme, scope } }));
      }
      for (const scope of bScopes) {
        if (!aScopes.has(scope)) changes.push(makeChange('request-security-scope-removed', ctx, { path: `${path}/${scheme}`, before: scope, after: undefined, params: { where, scheme, scope } }));
      }
    }
  }
  return changes;
}

export const security: SpecRule = {
  definitions: [
    rule('request-security-added', 'breaking', 'Calls that needed no credentials now need them.', '{where} now requires authentication ({after})'),
    rule('request-security-removed', 'info', 'Credentials are no longer required.', '{where} no longer requires authentication'),
    rule('request-security-alternative-removed', 'breaking', 'A way of authenticating the consumer may use is no longer accepted.', '{where} no longer accepts authentication by {name}'),
    rule('request-security-alternative-added', 'info', 'A new way of authenticating is accepted.', '{where} now also accepts authentication by {name}'),
    rule('request-security-scope-added', 'breaking', 'A credential now needs a scope the consumer\'s token may lack.', '{where} now needs scope `{scope}` of {scheme}'),
    rule('request-security-scope-removed', 'info', 'A credential needs one scope fewer.', '{where} no longer needs scope `{scope}` of {scheme}'),
  ],
  checkDocument(before, after) {
    return compareRequirements(before.security, after.security, { path: '' });
  },
  checkOperation(before, after, ctx) {
    // Inherited requirements are compared once, for the whole document.
    if (before.security === undefined && after.security === undefined) return [];
    return compareRequirements(before.security ?? ctx.before.security, after.security ?? ctx.after.security, ctx);
  },
};
