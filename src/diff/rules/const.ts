import { hasKeyword, showShort, valueKey } from '../facts.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { JsonSchema } from '../../schema/types.js';

/** The values an observation saw at a node: its `const`, or its `enum` list. */
function observedValues(schema: JsonSchema): unknown[] | undefined {
  if (hasKeyword(schema, 'const')) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

export const constRule: SchemaRule = {
  name: 'const',
  scope: 'node',
  observation: 'a value seen that differs from the baseline const is a change; an observation without values says nothing',
  definitions: [
    ...mirrored('const-added', { response: 'info', request: 'breaking' }, 'the value is now fixed to a single constant.', {
      example: { before: { type: 'string' }, after: { type: 'string', const: 'card' } },
    }),
    ...mirrored('const-removed', { response: 'breaking', request: 'info' }, 'the value is no longer fixed to a constant.', {
      example: { before: { type: 'string', const: 'card' }, after: { type: 'string' } },
    }),
    ...mirrored('const-changed', { response: 'breaking', request: 'breaking' }, 'the constant the value is fixed to changed.', {
      example: { before: { const: 'card' }, after: { const: 'card_present' } },
    }),
  ],
  check(before, after, ctx) {
    const had = hasKeyword(before, 'const');
    if (ctx.mode === 'observation') {
      const seen = observedValues(after);
      if (!had || seen === undefined) return [];
      const other = seen.find((v) => v !== null && valueKey(v) !== valueKey(before.const));
      if (other === undefined) return [];
      return [finding(`${ctx.direction}-const-changed`, ctx, { before: before.const, after: other, params: { before: showShort(before.const), after: showShort(other) } })];
    }
    const has = hasKeyword(after, 'const');
    if (!had && !has) return [];
    if (had && has && valueKey(before.const) === valueKey(after.const)) return [];
    const kind = had && has ? 'changed' : has ? 'added' : 'removed';
    return [
      finding(`${ctx.direction}-const-${kind}`, ctx, {
        before: had ? before.const : undefined,
        after: has ? after.const : undefined,
        params: { before: had ? showShort(before.const) : 'none', after: has ? showShort(after.const) : 'none' },
      }),
    ];
  },
};
