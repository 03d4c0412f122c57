import { makeChange } from '../change.js';
import { mirrored, type SchemaRule } from '../rule.js';
import { typeAdmitted, typeSet, withoutNull } from '../../schema/normalize.js';
import type { JsonType } from '../../schema/types.js';

function describe(types: ReadonlySet<JsonType>): string {
  return [...types].sort().join(' | ');
}

function covers(outer: ReadonlySet<JsonType>, inner: ReadonlySet<JsonType>): boolean {
  return [...inner].every((t) => typeAdmitted(t, outer));
}

export const typeChanged: SchemaRule = {
  definitions: [
    ...mirrored(
      'type-widened',
      { response: 'breaking', request: 'info' },
      'the value admits more types than before.',
      'type at {path} widened from {before} to {after}',
    ),
    ...mirrored(
      'type-narrowed',
      { response: 'info', request: 'breaking' },
      'the value admits fewer types than before.',
      'type at {path} narrowed from {before} to {after}',
    ),
    ...mirrored(
      'type-changed',
      { response: 'breaking', request: 'breaking' },
      'the value has a different type.',
      'type at {path} changed from {before} to {after}',
    ),
  ],
  check(before, after, ctx) {
    const beforeAll = typeSet(before);
    const afterAll = typeSet(after);
    if (!beforeAll || !afterAll) return [];
    const b = withoutNull(beforeAll);
    const a = withoutNull(afterAll);
    if (a.size === 0 || b.size === 0) return [];
    const widened = !covers(b, a);
    const narrowed = !covers(a, b);
    if (!widened && !narrowed) return [];
    let kind: 'widened' | 'narrowed' | 'changed';
    if (ctx.mode === 'observation') {
      // A sample shows which types occur, not which are allowed: only a type never seen before counts.
      if (!widened) return [];
      const overlaps = [...a].some((t) => typeAdmitted(t, b)) || [...b].some((t) => typeAdmitted(t, a));
      kind = overlaps ? 'widened' : 'changed';
    } else {
      kind = widened && narrowed ? 'changed' : widened ? 'widened' : 'narrowed';
    }
    return [
      makeChange(`${ctx.direction}-type-${kind}`, ctx, {
        before: [...b].sort(),
        after: [...a].sort(),
        params: { before: describe(b), after: describe(a) },
      }),
    ];
  },
};
