import { makeChange } from '../change.js';
import type { Change } from '../types.js';
import { rule, type SpecRule } from './spec-rule.js';

export const operations: SpecRule = {
  definitions: [
    rule('request-operation-removed', 'breaking', 'An operation the consumer may call is gone: its requests now fail.', 'operation {operation} was removed'),
    rule('request-operation-added', 'info', 'A new operation is available.', 'operation {operation} was added'),
    rule('request-operation-deprecated', 'warning', 'The vendor deprecated an operation: plan to move off it before it is removed.', 'operation {operation} is now deprecated'),
    rule('request-operation-reactivated', 'info', 'An operation is no longer deprecated.', 'operation {operation} is no longer deprecated'),
    rule('request-operation-id-changed', 'info', 'The operationId changed: generated client method names may change.', 'operationId of {operation} changed from {before} to {after}'),
  ],
  checkDocument(before, after) {
    const changes: Change[] = [];
    for (const [key, operation] of Object.entries(before.operations)) {
      if (after.operations[key]) continue;
      changes.push(
        makeChange('request-operation-removed', { path: '', operation: operation.key }, {
          before: { operationId: operation.operationId, deprecated: operation.deprecated },
          after: undefined,
          params: { operation: operation.key },
        }),
      );
    }
    for (const [key, operation] of Object.entries(after.operations)) {
      if (before.operations[key]) continue;
      changes.push(
        makeChange('request-operation-added', { path: '', operation: operation.key }, {
          before: undefined,
          after: { operationId: operation.operationId, deprecated: operation.deprecated },
          params: { operation: operation.key },
        }),
      );
    }
    return changes;
  },
  checkOperation(before, after, ctx) {
    const changes: Change[] = [];
    if (before.deprecated !== after.deprecated) {
      const id = after.deprecated ? 'request-operation-deprecated' : 'request-operation-reactivated';
      changes.push(makeChange(id, ctx, { path: `${ctx.path}/deprecated`, before: before.deprecated, after: after.deprecated, params: { operation: ctx.operation } }));
    }
    if (before.operationId !== undefined && after.operationId !== undefined && before.operationId !== after.operationId) {
      changes.push(
        makeChange('request-operation-id-changed', ctx, {
          path: `${ctx.path}/operationId`,
          before: before.operationId,
          after: after.operationId,
          params: { operation: ctx.operation, before: before.operationId, after: after.operationId },
        }),
      );
    }
    return changes;
  },
};
