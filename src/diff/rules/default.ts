import { hasKeyword, showShort, valueKey } from '../facts.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';

export const defaultRule: SchemaRule = {
  name: 'default',
  scope: 'site',
  observation: 'inference never writes a default, so an observation says nothing about it',
  definitions: mirrored(
    'default-changed',
    { response: 'info', request: 'warning' },
    'the default value changed, appeared or went away; for a request, what the vendor assumes when the consumer leaves the value out.',
    { example: { before: { type: 'integer', default: 10 }, after: { type: 'integer', default: 25 } } },
  ),
  check(before, after, ctx) {
    if (ctx.mode === 'observation') return [];
    const had = hasKeyword(before, 'default');
    const has = hasKeyword(after, 'default');
    if (!had && !has) return [];
    if (had && has && valueKey(before.default) === valueKey(after.default)) return [];
    return [
      finding(`${ctx.direction}-default-changed`, ctx, {
        before: before.default,
        after: after.default,
        params: { before: had ? showShort(before.default) : 'none', after: has ? showShort(after.default) : 'none' },
      }),
    ];
  },
};
