import { makeChange } from '../change.js';
import { joinPointer } from '../pointer.js';
import type { Change } from '../types.js';
import { keyDiff, rule, type SpecRule } from './spec-rule.js';

export const responseContent: SpecRule = {
  definitions: [
    rule('response-media-type-removed', 'breaking', 'A response media type the consumer may ask for or parse is no longer served.', 'response {status} no longer has media type {mediaType}'),
    rule('response-media-type-added', 'info', 'A response is also served in a new media type.', 'response {status} now has media type {mediaType}'),
  ],
  checkOperation(before, after, ctx) {
    const changes: Change[] = [];
    for (const [status, b] of Object.entries(before.responses)) {
      const a = after.responses[status];
      if (!a) continue;
      const base = joinPointer(ctx.path, 'responses', status, 'content');
      const { added, removed, common } = keyDiff(b.content, a.content);
      for (const mediaType of removed) {
        changes.push(makeChange('response-media-type-removed', ctx, { path: joinPointer(base, mediaType), before: mediaType, after: undefined, params: { status, mediaType } }));
      }
      for (const mediaType of added) {
        changes.push(makeChange('response-media-type-added', ctx, { path: joinPointer(base, mediaType), before: undefined, after: mediaType, params: { status, mediaType } }));
      }
      for (const mediaType of common) {
        const bSchema = b.content[mediaType]!.schema;
        const aSchema = a.content[mediaType]!.schema;
        if (bSchema && aSchema) {
          changes.push(...ctx.schemas.diff(bSchema, aSchema, { direction: 'response', operation: ctx.operation, basePath: joinPointer(base, mediaType, 'schema') }));
        }
      }
    }
    return changes;
  },
};
