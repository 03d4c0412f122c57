import { matchBranches } from '../branches.js';
import { alternativesOf, describeTypes, typeAdmitted, typesOf, withoutNull } from '../facts.js';
import { lensOf } from '../properties.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { JsonType } from '../../schema/types.js';

function covers(outer: ReadonlySet<JsonType>, inner: ReadonlySet<JsonType>): boolean {
  return [...inner].every((t) => typeAdmitted(t, outer));
}

export const typeChanged: SchemaRule = {
  name: 'type-changed',
  scope: 'node',
  observation: 'only a type the baseline does not admit counts; a sample showing fewer types than allowed is variance',
  definitions: [
    ...mirrored('type-widened', { response: 'breaking', request: 'info' }, 'the value admits more types than before (null aside).', {
      example: { before: { type: 'integer' }, after: { type: 'number' } },
    }),
    ...mirrored('type-narrowed', { response: 'info', request: 'breaking' }, 'the value admits fewer types than before (null aside).', {
      example: { before: { type: ['string', 'integer'] }, after: { type: 'string' } },
    }),
    ...mirrored('type-changed', { response: 'breaking', request: 'breaking' }, 'the value has a different type.', {
      example: { before: { type: 'string' }, after: { type: 'integer' } },
    }),
  ],
  check(before, after, ctx) {
    const lens = lensOf(ctx);
    const beforeAlternatives = alternativesOf(before);
    const afterAlternatives = alternativesOf(after);
    // Alternatives on both sides, or a plain value that is one of the other side's alternatives:
    // the branch rules say what changed, and only a `type` written beside the alternatives is compared here.
    const both = beforeAlternatives !== undefined && afterAlternatives !== undefined;
    if (both && (before.type === undefined || after.type === undefined)) return [];
    if (!both && (beforeAlternatives || afterAlternatives)) {
      const match = matchBranches(before, after, lens);
      if (match && match.pairs.length > 0) return [];
    }
    const beforeAll = both ? typesOf({ type: before.type, nullable: before.nullable }, lens, 'before') : typesOf(before, lens, 'before');
    const afterAll = both ? typesOf({ type: after.type, nullable: after.nullable }, lens, 'after') : typesOf(after, lens, 'after');
    if (!beforeAll || !afterAll) return [];
    const b = withoutNull(beforeAll);
    const a = withoutNull(afterAll);
    if (a.size === 0 || b.size === 0) return [];
    const widened = !covers(b, a);
    const narrowed = !covers(a, b);
    if (!widened && !narrowed) return [];
    let kind: 'widened' | 'narrowed' | 'changed';
    if (ctx.mode === 'observation') {
      if (!widened) return [];
      const overlaps = [...a].some((t) => typeAdmitted(t, b)) || [...b].some((t) => typeAdmitted(t, a));
      kind = overlaps ? 'widened' : 'changed';
    } else {
      kind = widened && narrowed ? 'changed' : widened ? 'widened' : 'narrowed';
    }
    return [
      finding(`${ctx.direction}-type-${kind}`, ctx, {
        before: [...b].sort(),
        after: [...a].sort(),
        params: { before: describeTypes(b), after: describeTypes(a) },
      }),
    ];
  },
};
