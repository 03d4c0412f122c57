import { countOf } from '../limits.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';

/** Whether every multiple of `step` is a multiple of `unit` (within floating-point noise). */
function isMultiple(step: number, unit: number): boolean {
  const ratio = step / unit;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9 * Math.max(1, Math.abs(ratio));
}

export const multipleOfRule: SchemaRule = {
  name: 'multiple-of',
  scope: 'node',
  observation: 'only a stated step that admits numbers the baseline did not counts; a missing step is variance',
  definitions: [
    ...mirrored('multiple-of-tightened', { response: 'info', request: 'breaking' }, 'numbers must be multiples of a coarser step (`multipleOf` added or changed).', {
      example: { before: { type: 'number', multipleOf: 0.01 }, after: { type: 'number', multipleOf: 1 } },
    }),
    ...mirrored('multiple-of-relaxed', { response: 'breaking', request: 'info' }, 'numbers may use a finer step than before (`multipleOf` removed or refined): more decimals may arrive.', {
      example: { before: { type: 'number', multipleOf: 1 }, after: { type: 'number', multipleOf: 0.01 } },
    }),
  ],
  check(before, after, ctx) {
    const b = countOf(before, 'multipleOf');
    const a = countOf(after, 'multipleOf');
    if (b === a) return [];
    if (b !== undefined && a !== undefined && b > 0 && a > 0 && isMultiple(a, b) && isMultiple(b, a)) return [];
    const looser = a === undefined || (b !== undefined && b > 0 && a > 0 && isMultiple(b, a));
    const stricter = b === undefined || (a !== undefined && a > 0 && b > 0 && isMultiple(a, b));
    // Steps that are not multiples of each other admit numbers the other refuses both ways: the
    // side of the API decides which of the two hurts.
    const strictness = looser && !stricter ? 'relaxed' : stricter && !looser ? 'tightened' : ctx.direction === 'response' ? 'relaxed' : 'tightened';
    if (ctx.mode === 'observation' && (strictness !== 'relaxed' || a === undefined)) return [];
    return [finding(`${ctx.direction}-multiple-of-${strictness}`, ctx, { before: b, after: a, params: { before: b ?? 'none', after: a ?? 'none' } })];
  },
};
