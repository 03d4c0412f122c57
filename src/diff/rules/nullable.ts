import { makeChange } from '../change.js';
import { mirrored, type SchemaRule } from '../rule.js';
import { typeSet } from '../../schema/normalize.js';

export const nullable: SchemaRule = {
  definitions: [
    ...mirrored(
      'became-nullable',
      { response: 'breaking', request: 'info' },
      'null is now allowed where it was not.',
      'value at {path} can now be null',
    ),
    ...mirrored(
      'became-non-nullable',
      { response: 'info', request: 'breaking' },
      'null is no longer allowed.',
      'value at {path} can no longer be null',
    ),
  ],
  check(before, after, ctx) {
    const b = typeSet(before);
    const a = typeSet(after);
    if (!b || !a) return [];
    const wasNullable = b.has('null');
    const isNullable = a.has('null');
    if (wasNullable === isNullable) return [];
    if (!isNullable && ctx.mode === 'observation') return [];
    const id = `${ctx.direction}-became-${isNullable ? 'nullable' : 'non-nullable'}`;
    return [makeChange(id, ctx, { before: wasNullable, after: isNullable })];
  },
};
