import { makeChange } from '../change.js';
import { joinPointer } from '../pointer.js';
import type { Change } from '../types.js';
import { keyDiff, rule, type SpecRule } from './spec-rule.js';

export const responseHeaders: SpecRule = {
  definitions: [
    rule('response-required-header-removed', 'breaking', 'A response header the consumer could rely on is no longer sent.', 'response {status} no longer sends header `{header}`'),
    rule('response-optional-header-removed', 'warning', 'An optional response header is no longer documented.', 'response {status} no longer documents optional header `{header}`'),
    rule('response-header-added', 'info', 'A response carries a new header.', 'response {status} has a new header `{header}`'),
    rule('response-header-became-optional', 'breaking', 'A response header that was always sent may now be missing.', 'header `{header}` of response {status} became optional'),
    rule('response-header-became-required', 'info', 'A response header is now always sent.', 'header `{header}` of response {status} became required'),
    rule('response-header-deprecated', 'warning', 'The vendor deprecated a response header: stop relying on it.', 'header `{header}` of response {status} is now deprecated'),
  ],
  checkOperation(before, after, ctx) {
    const changes: Change[] = [];
    for (const [status, b] of Object.entries(before.responses)) {
      const a = after.responses[status];
      if (!a) continue;
      const base = joinPointer(ctx.path, 'responses', status, 'headers');
      const { added, removed, common } = keyDiff(b.headers, a.headers);
      for (const header of removed) {
        const id = b.headers[header]!.required ? 'response-required-header-removed' : 'response-optional-header-removed';
        changes.push(makeChange(id, ctx, { path: joinPointer(base, header), before: b.headers[header]!.schema ?? {}, after: undefined, params: { status, header } }));
      }
      for (const header of added) {
        changes.push(makeChange('response-header-added', ctx, { path: joinPointer(base, header), before: undefined, after: a.headers[header]!.schema ?? {}, params: { status, header } }));
      }
      for (const header of common) {
        const bh = b.headers[header]!;
        const ah = a.headers[header]!;
        const path = joinPointer(base, header);
        if (bh.required !== ah.required) {
          const id = ah.required ? 'response-header-became-required' : 'response-header-became-optional';
          changes.push(makeChange(id, ctx, { path: `${path}/required`, before: bh.required, after: ah.required, params: { status, header } }));
        }
        if (!bh.deprecated && ah.deprecated) {
          changes.push(makeChange('response-header-deprecated', ctx, { path: `${path}/deprecated`, before: false, after: true, params: { status, header } }));
        }
        if (bh.schema && ah.schema) {
          changes.push(...ctx.schemas.diff(bh.schema, ah.schema, { direction: 'response', operation: ctx.operation, basePath: `${path}/schema` }));
        }
      }
    }
    return changes;
  },
};
