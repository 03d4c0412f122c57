import { alternativesOf, ownNull, typesOf } from '../facts.js';
import { lensOf } from '../properties.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { JsonSchema } from '../../schema/types.js';
import type { SchemaLens, Side } from '../types.js';

/** Whether a position says anything about its values (an unconstrained `{}` admits null anyway). */
function constrained(site: JsonSchema, lens: SchemaLens, side: Side): boolean {
  return alternativesOf(site) !== undefined || typesOf(site, lens, side) !== undefined;
}

export const nullable: SchemaRule = {
  name: 'nullable',
  scope: 'site',
  observation: 'null seen where the baseline never allowed it is new; a nullable value that was not null in the samples is variance',
  definitions: [
    ...mirrored(
      'became-nullable',
      { response: 'breaking', request: 'info' },
      'null is now allowed where it was not (OpenAPI 3.0 `nullable`, a 3.1 `null` type, or a null alternative).',
      { example: { before: { type: 'string' }, after: { type: ['string', 'null'] } } },
    ),
    ...mirrored('became-non-nullable', { response: 'info', request: 'breaking' }, 'null is no longer allowed.', {
      example: { before: { type: 'string', nullable: true }, after: { type: 'string' } },
    }),
  ],
  check(before, after, ctx) {
    const lens = lensOf(ctx);
    if (!constrained(before, lens, 'before') || !constrained(after, lens, 'after')) return [];
    // Null allowed by an alternative of a value is that alternative's change, reported at the branch.
    const wasNullable = ownNull(before);
    const isNullable = ownNull(after);
    if (wasNullable === isNullable) return [];
    if (!isNullable && ctx.mode === 'observation') return [];
    return [finding(`${ctx.direction}-became-${isNullable ? 'nullable' : 'non-nullable'}`, ctx, { before: wasNullable, after: isNullable })];
  },
};
