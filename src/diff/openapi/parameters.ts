import type { Parameter } from '../../spec/types.js';
import { makeChange } from '../change.js';
import { joinPointer } from '../pointer.js';
import type { Change } from '../types.js';
import { keyDiff, rule, type SpecRule } from './spec-rule.js';

function where(parameter: Parameter): string {
  return `${parameter.in} parameter \`${parameter.name}\``;
}

export const parameters: SpecRule = {
  definitions: [
    rule('request-parameter-removed', 'warning', 'A parameter the consumer may send is no longer documented: it may be ignored or rejected.', '{where} was removed'),
    rule('request-required-parameter-added', 'breaking', 'A new required parameter: requests without it are now invalid.', 'new required {where}'),
    rule('request-optional-parameter-added', 'info', 'A new optional parameter is accepted.', 'new optional {where}'),
    rule('request-parameter-became-required', 'breaking', 'An optional parameter became required: requests without it are now invalid.', '{where} became required'),
    rule('request-parameter-became-optional', 'info', 'A required parameter became optional.', '{where} became optional'),
    rule('request-parameter-deprecated', 'warning', 'The vendor deprecated a parameter: plan to stop sending it.', '{where} is now deprecated'),
    rule('request-parameter-serialization-changed', 'warning', 'A parameter is written differently on the wire (style, explode, collection format): what the consumer sends may be read differently.', 'serialization of {where} changed from {before} to {after}'),
    rule('request-path-parameter-renamed', 'info', 'A path parameter was renamed; the URL the consumer builds is unchanged.', 'path parameter `{before}` was renamed to `{after}`'),
  ],
  checkOperation(before, after, ctx) {
    const changes: Change[] = [];
    const pointer = (parameter: Parameter) => joinPointer(ctx.path, 'parameters', parameter.in, parameter.name);
    const { added: addedKeys, removed: removedKeys, common } = keyDiff(before.parameters, after.parameters);
    // Path parameters are keyed by their place in the template, which both versions share: one only now
    // declared (or no longer declared) was in the URL the consumer builds all along.
    const added = addedKeys.filter((key) => after.parameters[key]!.in !== 'path');
    const removed = removedKeys.filter((key) => before.parameters[key]!.in !== 'path');
    for (const key of removed) {
      const parameter = before.parameters[key]!;
      changes.push(makeChange('request-parameter-removed', ctx, { path: pointer(parameter), before: parameter.schema ?? {}, after: undefined, params: { where: where(parameter) } }));
    }
    for (const key of added) {
      const parameter = after.parameters[key]!;
      const id = parameter.required ? 'request-required-parameter-added' : 'request-optional-parameter-added';
      changes.push(makeChange(id, ctx, { path: pointer(parameter), before: undefined, after: parameter.schema ?? {}, params: { where: where(parameter) } }));
    }
    for (const key of common) {
      const b = before.parameters[key]!;
      const a = after.parameters[key]!;
      const path = pointer(a);
      if (a.in === 'path' && b.name !== a.name) {
        changes.push(makeChange('request-path-parameter-renamed', ctx, { path, before: b.name, after: a.name, params: { before: b.name, after: a.name } }));
      }
      if (b.required !== a.required) {
        const id = a.required ? 'request-parameter-became-required' : 'request-parameter-became-optional';
        changes.push(makeChange(id, ctx, { path: `${path}/required`, before: b.required, after: a.required, params: { where: where(a) } }));
      }
      if (!b.deprecated && a.deprecated) {
        changes.push(makeChange('request-parameter-deprecated', ctx, { path: `${path}/deprecated`, before: false, after: true, params: { where: where(a) } }));
      }
      if (b.serialization !== undefined && a.serialization !== undefined && b.serialization !== a.serialization) {
        changes.push(
          makeChange('request-parameter-serialization-changed', ctx, {
            path: `${path}/style`,
            before: b.serialization,
            after: a.serialization,
            params: { where: where(a), before: b.serialization, after: a.serialization },
          }),
        );
      }
      if (b.schema && a.schema) {
        changes.push(...ctx.schemas.diff(b.schema, a.schema, { direction: 'request', operation: ctx.operation, basePath: `${path}/schema` }));
      }
    }
    return changes;
  },
};
