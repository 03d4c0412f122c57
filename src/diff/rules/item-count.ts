import { compareCount, countOf } from '../limits.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { Finding } from '../types.js';

const LEVELS = {
  tightened: { response: 'info', request: 'breaking' },
  relaxed: { response: 'breaking', request: 'info' },
} as const;

export const itemCountRule: SchemaRule = {
  name: 'item-count',
  scope: 'node',
  observation: 'only a stated item limit looser than the baseline\'s counts; a missing limit is variance',
  definitions: [
    ...mirrored('min-items-tightened', LEVELS.tightened, 'arrays must hold more items than before (`minItems` added or raised).', {
      example: { before: { type: 'array' }, after: { type: 'array', minItems: 1 } },
    }),
    ...mirrored('min-items-relaxed', LEVELS.relaxed, 'arrays may hold fewer items (`minItems` lowered or removed): an empty list may arrive.', {
      example: { before: { type: 'array', minItems: 1 }, after: { type: 'array' } },
    }),
    ...mirrored('max-items-tightened', LEVELS.tightened, 'arrays must hold fewer items than before (`maxItems` added or lowered).', {
      example: { before: { type: 'array', maxItems: 100 }, after: { type: 'array', maxItems: 10 } },
    }),
    ...mirrored('max-items-relaxed', LEVELS.relaxed, 'arrays may hold more items (`maxItems` raised or removed).', {
      example: { before: { type: 'array', maxItems: 10 }, after: { type: 'array', maxItems: 100 } },
    }),
  ],
  check(before, after, ctx) {
    const findings: Finding[] = [];
    for (const [kind, keyword, name] of [['lower', 'minItems', 'min-items'], ['upper', 'maxItems', 'max-items']] as const) {
      const b = countOf(before, keyword);
      const a = countOf(after, keyword);
      const strictness = compareCount(kind, b, a);
      if (strictness === undefined) continue;
      if (ctx.mode === 'observation' && (strictness !== 'relaxed' || a === undefined)) continue;
      findings.push(
        finding(`${ctx.direction}-${name}-${strictness}`, ctx, { before: b, after: a, params: { keyword, before: b ?? 'none', after: a ?? 'none' } }),
      );
    }
    return findings;
  },
};
