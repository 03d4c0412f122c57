import { makeChange } from '../change.js';
import { joinPointer } from '../pointer.js';
import type { SchemaRule } from '../rule.js';
import { requiredSet } from '../../schema/normalize.js';

export const propertyAdded: SchemaRule = {
  definitions: [
    {
      id: 'response-property-added',
      level: 'info',
      direction: 'response',
      doc: 'Response: a property the consumer has never received appears.',
      message: 'new property `{name}` appears at {parent}',
    },
    {
      id: 'request-optional-property-added',
      level: 'info',
      direction: 'request',
      doc: 'Request: the vendor accepts a new optional property.',
      message: 'new optional property `{name}` accepted at {parent}',
    },
    {
      id: 'request-required-property-added',
      level: 'breaking',
      direction: 'request',
      doc: 'Request: the vendor now requires a property the consumer does not send.',
      message: 'new required property `{name}` at {parent}: requests without it are now invalid',
    },
  ],
  check(before, after, ctx) {
    const beforeProps = before.properties ?? {};
    const afterProps = after.properties ?? {};
    const afterRequired = requiredSet(after);
    const changes = [];
    for (const name of Object.keys(afterProps)) {
      if (Object.prototype.hasOwnProperty.call(beforeProps, name)) continue;
      const id =
        ctx.direction === 'response'
          ? 'response-property-added'
          : afterRequired.has(name)
            ? 'request-required-property-added'
            : 'request-optional-property-added';
      changes.push(
        makeChange(id, ctx, {
          path: joinPointer(ctx.path, 'properties', name),
          before: undefined,
          after: afterProps[name],
          params: { name, parent: ctx.path || '/' },
        }),
      );
    }
    return changes;
  },
};
