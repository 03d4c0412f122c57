import { isSchemaObject } from '../../schema/normalize.js';
import type { JsonSchema } from '../../schema/types.js';
import { typesOf } from '../facts.js';
import { lensOf } from '../properties.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';

/** Whether array items are described at all (`items` absent, `true` or `{}` say nothing). */
function describesItems(schema: JsonSchema): boolean {
  return isSchemaObject(schema.items) && Object.keys(schema.items).length > 0;
}

export const itemsRule: SchemaRule = {
  name: 'items',
  scope: 'node',
  observation: 'an observation of empty arrays says nothing about items; item changes are found by walking into `items`',
  definitions: [
    ...mirrored('items-schema-added', { response: 'info', request: 'breaking' }, 'array items that could be anything now have a schema.', {
      example: { before: { type: 'array' }, after: { type: 'array', items: { type: 'string' } } },
    }),
    ...mirrored('items-schema-removed', { response: 'breaking', request: 'info' }, 'array items no longer have a schema: anything may arrive in the array.', {
      example: { before: { type: 'array', items: { type: 'string' } }, after: { type: 'array' } },
    }),
  ],
  check(before, after, ctx) {
    if (ctx.mode === 'observation') return [];
    const lens = lensOf(ctx);
    if (!typesOf(before, lens, 'before')?.has('array') || !typesOf(after, lens, 'after')?.has('array')) return [];
    const b = describesItems(before);
    const a = describesItems(after);
    if (b === a) return [];
    return [finding(`${ctx.direction}-items-schema-${a ? 'added' : 'removed'}`, ctx, { at: ['items'], before: before.items, after: after.items })];
  },
};
