import { makeChange } from '../change.js';
import { joinPointer } from '../pointer.js';
import type { Change } from '../types.js';
import { keyDiff, rule, type SpecRule } from './spec-rule.js';

export const requestBody: SpecRule = {
  definitions: [
    rule('request-required-body-added', 'breaking', 'The operation now requires a request body the consumer does not send.', 'a required request body was added'),
    rule('request-optional-body-added', 'info', 'The operation now accepts an optional request body.', 'an optional request body was added'),
    rule('request-body-removed', 'warning', 'The request body is no longer documented: what the consumer sends may be ignored or rejected.', 'the request body was removed'),
    rule('request-body-became-required', 'breaking', 'The request body became required: requests without one are now invalid.', 'the request body became required'),
    rule('request-body-became-optional', 'info', 'The request body became optional.', 'the request body became optional'),
    rule('request-media-type-removed', 'breaking', 'A request media type the consumer may send is no longer accepted.', 'request media type {mediaType} is no longer accepted'),
    rule('request-media-type-added', 'info', 'A new request media type is accepted.', 'request media type {mediaType} is now accepted'),
  ],
  checkOperation(before, after, ctx) {
    const changes: Change[] = [];
    const path = `${ctx.path}/requestBody`;
    const b = before.requestBody;
    const a = after.requestBody;
    if (!b && !a) return changes;
    if (!b) {
      const id = a!.required ? 'request-required-body-added' : 'request-optional-body-added';
      return [makeChange(id, ctx, { path, before: undefined, after: Object.keys(a!.content) })];
    }
    if (!a) return [makeChange('request-body-removed', ctx, { path, before: Object.keys(b.content), after: undefined })];
    if (b.required !== a.required) {
      const id = a.required ? 'request-body-became-required' : 'request-body-became-optional';
      changes.push(makeChange(id, ctx, { path: `${path}/required`, before: b.required, after: a.required }));
    }
    const { added, removed, common } = keyDiff(b.content, a.content);
    for (const mediaType of removed) {
      changes.push(makeChange('request-media-type-removed', ctx, { path: joinPointer(path, 'content', mediaType), before: mediaType, after: undefined, params: { mediaType } }));
    }
    for (const mediaType of added) {
      changes.push(makeChange('request-media-type-added', ctx, { path: joinPointer(path, 'content', mediaType), before: undefined, after: mediaType, params: { mediaType } }));
    }
    for (const mediaType of common) {
      const bSchema = b.content[mediaType]!.schema;
      const aSchema = a.content[mediaType]!.schema;
      if (bSchema && aSchema) {
        changes.push(...ctx.schemas.diff(bSchema, aSchema, { direction: 'request', operation: ctx.operation, basePath: joinPointer(path, 'content', mediaType, 'schema') }));
      }
    }
    return changes;
  },
};
