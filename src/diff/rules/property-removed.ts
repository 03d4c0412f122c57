import { makeChange } from '../change.js';
import { joinPointer } from '../pointer.js';
import type { SchemaRule } from '../rule.js';
import { requiredSet, typeSet } from '../../schema/normalize.js';

export const propertyRemoved: SchemaRule = {
  definitions: [
    {
      id: 'response-property-removed',
      level: 'breaking',
      direction: 'response',
      doc: 'Response: a property the consumer may read is no longer sent.',
      message: 'property `{name}` was removed from {parent}',
    },
    {
      id: 'request-property-removed',
      level: 'warning',
      direction: 'request',
      doc: 'Request: the vendor no longer documents a property the consumer may send; it may be ignored or rejected.',
      message: 'property `{name}` is no longer accepted at {parent}',
    },
  ],
  check(before, after, ctx) {
    const beforeProps = before.properties ?? {};
    const afterProps = after.properties ?? {};
    if (after.properties === undefined && ctx.mode === 'observation' && !typeSet(after)?.has('object')) {
      // An observation that is not an object here says nothing about properties; the type rule reports it.
      return [];
    }
    const beforeRequired = requiredSet(before);
    const changes = [];
    for (const name of Object.keys(beforeProps)) {
      if (Object.prototype.hasOwnProperty.call(afterProps, name)) continue;
      if (ctx.mode === 'observation' && !beforeRequired.has(name)) continue;
      changes.push(
        makeChange(`${ctx.direction}-property-removed`, ctx, {
          path: joinPointer(ctx.path, 'properties', name),
          before: beforeProps[name],
          after: undefined,
          params: { name, parent: ctx.path || '/' },
        }),
      );
    }
    return changes;
  },
};
