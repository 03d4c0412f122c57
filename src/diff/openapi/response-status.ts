import { makeChange } from '../change.js';
import { joinPointer } from '../pointer.js';
import type { Change } from '../types.js';
import { keyDiff, rule, type SpecRule } from './spec-rule.js';

/** `200`, `204`, `2XX`: what a consumer handles as the answer it asked for. */
export function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

export const responseStatus: SpecRule = {
  definitions: [
    rule('response-success-status-removed', 'breaking', 'A success response the consumer handles is no longer returned.', 'success response {status} was removed'),
    rule('response-non-success-status-removed', 'info', 'An error (or default) response is no longer documented.', 'response {status} was removed'),
    rule('response-success-status-added', 'warning', 'A new success status the consumer may not handle can now be returned.', 'new success response {status}'),
    rule('response-non-success-status-added', 'info', 'A new error (or default) response is documented.', 'new response {status}'),
  ],
  checkOperation(before, after, ctx) {
    const changes: Change[] = [];
    const { added, removed } = keyDiff(before.responses, after.responses);
    for (const status of removed) {
      const id = isSuccessStatus(status) ? 'response-success-status-removed' : 'response-non-success-status-removed';
      changes.push(makeChange(id, ctx, { path: joinPointer(ctx.path, 'responses', status), before: status, after: undefined, params: { status } }));
    }
    for (const status of added) {
      const id = isSuccessStatus(status) ? 'response-success-status-added' : 'response-non-success-status-added';
      changes.push(makeChange(id, ctx, { path: joinPointer(ctx.path, 'responses', status), before: undefined, after: status, params: { status } }));
    }
    return changes;
  },
};
