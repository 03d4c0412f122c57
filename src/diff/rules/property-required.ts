import { makeChange } from '../change.js';
import { joinPointer } from '../pointer.js';
import { mirrored, type SchemaRule } from '../rule.js';
import { requiredSet } from '../../schema/normalize.js';

export const propertyRequired: SchemaRule = {
  definitions: [
    ...mirrored(
      'property-became-optional',
      { response: 'breaking', request: 'info' },
      'a required property became optional.',
      'property `{name}` at {parent} became optional',
    ),
    ...mirrored(
      'property-became-required',
      { response: 'info', request: 'breaking' },
      'an optional property became required.',
      'property `{name}` at {parent} became required',
    ),
  ],
  check(before, after, ctx) {
    const beforeProps = before.properties ?? {};
    const afterProps = after.properties ?? {};
    const beforeRequired = requiredSet(before);
    const afterRequired = requiredSet(after);
    const changes = [];
    for (const name of Object.keys(afterProps)) {
      if (!Object.prototype.hasOwnProperty.call(beforeProps, name)) continue;
      const wasRequired = beforeRequired.has(name);
      const isRequired = afterRequired.has(name);
      if (wasRequired === isRequired) continue;
      // An observation can show a property missing from some samples, never that it must always be there.
      if (isRequired && ctx.mode === 'observation') continue;
      const id = `${ctx.direction}-property-became-${isRequired ? 'required' : 'optional'}`;
      changes.push(
        makeChange(id, ctx, {
          path: joinPointer(ctx.path, 'properties', name),
          before: wasRequired ? 'required' : 'optional',
          after: isRequired ? 'required' : 'optional',
          params: { name, parent: ctx.path || '/' },
        }),
      );
    }
    return changes;
  },
};
