import { isSchemaObject } from '../../schema/normalize.js';
import type { JsonSchema } from '../../schema/types.js';
import { typesOf } from '../facts.js';
import { lensOf } from '../properties.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';

type State = 'closed' | 'open' | 'schema';

function stateOf(schema: JsonSchema): State {
  const value = schema.additionalProperties;
  if (value === false) return 'closed';
  if (isSchemaObject(value) && Object.keys(value).length > 0) return 'schema';
  return 'open';
}

const TRANSITIONS: Record<State, Partial<Record<State, 'opened' | 'closed' | 'constrained' | 'unconstrained'>>> = {
  closed: { open: 'opened', schema: 'opened' },
  open: { closed: 'closed', schema: 'constrained' },
  schema: { closed: 'closed', open: 'unconstrained' },
};

export const additionalPropertiesRule: SchemaRule = {
  name: 'additional-properties',
  scope: 'node',
  observation: 'inference never writes additionalProperties, so its absence in an observation says nothing; only a stated, looser one counts',
  definitions: [
    ...mirrored('additional-properties-opened', { response: 'warning', request: 'info' }, 'an object that allowed no undeclared properties now allows them (`additionalProperties: false` dropped).', {
      example: { before: { type: 'object', additionalProperties: false }, after: { type: 'object' } },
    }),
    ...mirrored('additional-properties-closed', { response: 'info', request: 'warning' }, 'an object no longer allows undeclared properties (`additionalProperties: false`): a request carrying any is refused.', {
      example: { before: { type: 'object' }, after: { type: 'object', additionalProperties: false } },
    }),
    ...mirrored('additional-properties-constrained', { response: 'info', request: 'warning' }, 'undeclared properties, allowed to be anything, must now match a schema.', {
      example: { before: { type: 'object' }, after: { type: 'object', additionalProperties: { type: 'string' } } },
    }),
    ...mirrored('additional-properties-unconstrained', { response: 'breaking', request: 'info' }, 'the values of a map lost their schema: anything may arrive in it.', {
      example: { before: { type: 'object', additionalProperties: { type: 'string' } }, after: { type: 'object' } },
    }),
  ],
  check(before, after, ctx) {
    const lens = lensOf(ctx);
    if (!typesOf(before, lens, 'before')?.has('object') || !typesOf(after, lens, 'after')?.has('object')) return [];
    if (ctx.mode === 'observation' && after.additionalProperties === undefined) return [];
    const transition = TRANSITIONS[stateOf(before)][stateOf(after)];
    if (transition === undefined) return [];
    if (ctx.mode === 'observation' && transition !== 'opened' && transition !== 'unconstrained') return [];
    return [
      finding(`${ctx.direction}-additional-properties-${transition}`, ctx, {
        at: ['additionalProperties'],
        before: before.additionalProperties,
        after: after.additionalProperties,
      }),
    ];
  },
};
