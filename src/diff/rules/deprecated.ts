import { finding, mirrored, type SchemaRule } from '../rule.js';

export const deprecatedRule: SchemaRule = {
  name: 'deprecated',
  scope: 'site',
  observation: 'inference never writes deprecated, so an observation says nothing about it',
  definitions: [
    ...mirrored('deprecated', { response: 'warning', request: 'warning' }, 'a value is now marked deprecated: expect it to go away.', {
      example: { before: { type: 'string' }, after: { type: 'string', deprecated: true } },
    }),
    ...mirrored('reactivated', { response: 'info', request: 'info' }, 'a deprecated value is no longer deprecated.', {
      example: { before: { type: 'string', deprecated: true }, after: { type: 'string' } },
    }),
  ],
  check(before, after, ctx) {
    if (ctx.mode === 'observation') return [];
    const b = before.deprecated === true;
    const a = after.deprecated === true;
    if (b === a) return [];
    return [finding(`${ctx.direction}-${a ? 'deprecated' : 'reactivated'}`, ctx, { before: b, after: a })];
  },
};
