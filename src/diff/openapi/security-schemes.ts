import { makeChange } from '../change.js';
import { joinPointer } from '../pointer.js';
import type { Change } from '../types.js';
import { keyDiff, rule, type SpecRule } from './spec-rule.js';

function kind(scheme: { type: string; scheme: string | undefined }): string {
  return scheme.scheme ? `${scheme.type} ${scheme.scheme}` : scheme.type;
}

export const securitySchemes: SpecRule = {
  definitions: [
    rule('request-security-scheme-removed', 'breaking', 'A security scheme the consumer may authenticate with is gone.', 'security scheme `{name}` was removed'),
    rule('request-security-scheme-added', 'info', 'A new security scheme is defined.', 'security scheme `{name}` was added'),
    rule('request-security-scheme-type-changed', 'breaking', 'A security scheme expects a different kind of credential (e.g. basic to bearer).', 'security scheme `{name}` changed from {before} to {after}'),
    rule('request-security-scheme-location-changed', 'breaking', 'An API key is expected in a different place or under a different name.', 'API key of scheme `{name}` moved from {before} to {after}'),
    rule('request-security-scheme-bearer-format-changed', 'info', 'The documented format of a bearer token changed.', 'bearer format of scheme `{name}` changed from {before} to {after}'),
    rule('request-oauth-flow-removed', 'breaking', 'An OAuth flow the consumer may use to get tokens is gone.', 'OAuth flow `{flow}` of scheme `{name}` was removed'),
    rule('request-oauth-flow-added', 'info', 'A new OAuth flow is offered.', 'OAuth flow `{flow}` of scheme `{name}` was added'),
    rule('request-oauth-url-changed', 'warning', 'An OAuth token or authorization URL moved: clients configured with the old one may fail.', '{which} of OAuth flow `{flow}` of scheme `{name}` changed'),
    rule('request-oauth-scope-removed', 'warning', 'An OAuth scope the consumer may request is no longer offered.', 'scope `{scope}` of OAuth flow `{flow}` of scheme `{name}` was removed'),
    rule('request-oauth-scope-added', 'info', 'A new OAuth scope is offered.', 'scope `{scope}` of OAuth flow `{flow}` of scheme `{name}` was added'),
    rule('request-openid-connect-url-changed', 'warning', 'The OpenID Connect discovery URL moved.', 'OpenID Connect URL of scheme `{name}` changed'),
  ],
  checkDocument(before, after) {
    const changes: Change[] = [];
    const ctx = { path: '' };
    const pointer = (name: string, ...rest: string[]) => joinPointer('', 'components', 'securitySchemes', name, ...rest);
    const { added, removed, common } = keyDiff(before.securitySchemes, after.securitySchemes);
    for (const name of removed) changes.push(makeChange('request-security-scheme-removed', ctx, { path: pointer(name), before: before.securitySchemes[name], after: undefined, params: { name } }));
    for (const name of added) changes.push(makeChange('request-security-scheme-added', ctx, { path: pointer(name), before: undefined, after: after.securitySchemes[name], params: { name } }));
    for (const name of common) {
      const b = before.securitySchemes[name]!;
      const a = after.securitySchemes[name]!;
      if (kind(b) !== kind(a)) {
        changes.push(makeChange('request-security-scheme-type-changed', ctx, { path: pointer(name, 'type'), before: kind(b), after: kind(a), params: { name, before: kind(b), after: kind(a) } }));
        continue;
      }
      if (b.in !== a.in || b.name !== a.name) {
        const at = (s: typeof b) => `${s.in ?? '?'} \`${s.name ?? '?'}\``;
        changes.push(makeChange('request-security-scheme-location-changed', ctx, { path: pointer(name, 'in'), before: { in: b.in, name: b.name }, after: { in: a.in, name: a.name }, params: { name, before: at(b), after: at(a) } }));
      }
      if (b.bearerFormat !== a.bearerFormat && b.bearerFormat !== undefined && a.bearerFormat !== undefined) {
        changes.push(makeChange('request-security-scheme-bearer-format-changed', ctx, { path: pointer(name, 'bearerFormat'), before: b.bearerFormat, after: a.bearerFormat, params: { name, before: b.bearerFormat, after: a.bearerFormat } }));
      }
      if (b.openIdConnectUrl !== a.openIdConnectUrl) {
        changes.push(makeChange('request-openid-connect-url-changed', ctx, { path: pointer(name, 'openIdConnectUrl'), before: b.openIdConnectUrl, after: a.openIdConnectUrl, params: { name } }));
      }
      const flows = keyDiff(b.flows, a.flows);
      for (const flow of flows.removed) changes.push(makeChange('request-oauth-flow-removed', ctx, { path: pointer(name, 'flows', flow), before: b.flows[flow], after: undefined, params: { name, flow } }));
      for (const flow of flows.added) changes.push(makeChange('request-oauth-flow-added', ctx, { path: pointer(name, 'flows', flow), before: undefined, after: a.flows[flow], params: { name, flow } }));
      for (const flow of flows.common) {
        const bf = b.flows[flow]!;
        const af = a.flows[flow]!;
        for (const which of ['tokenUrl', 'authorizationUrl'] as const) {
          if (bf[which] !== af[which]) changes.push(makeChange('request-oauth-url-changed', ctx, { path: pointer(name, 'flows', flow, which), before: bf[which], after: af[which], params: { name, flow, which } }));
        }
        const bScopes = new Set(bf.scopes);
        const aScopes = new Set(af.scopes);
        for (const scope of bf.scopes) if (!aScopes.has(scope)) changes.push(makeChange('request-oauth-scope-removed', ctx, { path: pointer(name, 'flows', flow, 'scopes', scope), before: scope, after: undefined, params: { name, flow, scope } }));
        for (const scope of af.scopes) if (!bScopes.has(scope)) changes.push(makeChange('request-oauth-scope-added', ctx, { path: pointer(name, 'flows', flow, 'scopes', scope), before: undefined, after: scope, params: { name, flow, scope } }));
      }
    }
    return changes;
  },
};
