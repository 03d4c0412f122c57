import { finding, mirrored, type SchemaRule } from '../rule.js';

export const uniqueItemsRule: SchemaRule = {
  name: 'unique-items',
  scope: 'node',
  observation: 'inference never writes uniqueItems, so an observation says nothing about it',
  definitions: [
    ...mirrored('unique-items-added', { response: 'info', request: 'breaking' }, 'array items must now be distinct (`uniqueItems`): a request with duplicates is refused.', {
      example: { before: { type: 'array' }, after: { type: 'array', uniqueItems: true } },
    }),
    ...mirrored('unique-items-removed', { response: 'warning', request: 'info' }, 'array items may now repeat: a consumer that keys by item may see duplicates.', {
      example: { before: { type: 'array', uniqueItems: true }, after: { type: 'array' } },
    }),
  ],
  check(before, after, ctx) {
    if (ctx.mode === 'observation') return [];
    const b = before.uniqueItems === true;
    const a = after.uniqueItems === true;
    if (b === a) return [];
    return [finding(`${ctx.direction}-unique-items-${a ? 'added' : 'removed'}`, ctx, { before: b, after: a })];
  },
};
