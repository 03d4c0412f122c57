import { listedValuesMeet } from '../facts.js';
import { boundKeywords, compareBound, describeBound, numericBound, type Bound } from '../limits.js';

function meets(value: unknown, kind: 'lower' | 'upper', bound: Bound): boolean {
  if (typeof value !== 'number') return true;
  if (kind === 'lower') return bound.exclusive ? value > bound.value : value >= bound.value;
  return bound.exclusive ? value < bound.value : value <= bound.value;
}
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { Finding } from '../types.js';

const LEVELS = {
  tightened: { response: 'info', request: 'breaking' },
  relaxed: { response: 'breaking', request: 'info' },
} as const;

export const rangeRule: SchemaRule = {
  name: 'range',
  scope: 'node',
  observation: 'only a bound the observation states and that admits more than the baseline counts; a missing or narrower bound is variance',
  definitions: [
    ...mirrored('minimum-tightened', LEVELS.tightened, 'the lowest number allowed went up (`minimum`/`exclusiveMinimum` added or raised).', {
      example: { before: { type: 'integer', minimum: 0 }, after: { type: 'integer', minimum: 1 } },
    }),
    ...mirrored('minimum-relaxed', LEVELS.relaxed, 'the lowest number allowed went down or the bound went away.', {
      example: { before: { type: 'integer', minimum: 1 }, after: { type: 'integer' } },
    }),
    ...mirrored('maximum-tightened', LEVELS.tightened, 'the highest number allowed went down (`maximum`/`exclusiveMaximum` added or lowered).', {
      example: { before: { type: 'integer', maximum: 100 }, after: { type: 'integer', maximum: 50 } },
    }),
    ...mirrored('maximum-relaxed', LEVELS.relaxed, 'the highest number allowed went up or the bound went away.', {
      example: { before: { type: 'integer', maximum: 100 }, after: { type: 'integer', maximum: 1000 } },
    }),
  ],
  check(before, after, ctx) {
    const findings: Finding[] = [];
    for (const [kind, name] of [['lower', 'minimum'], ['upper', 'maximum']] as const) {
      const b = numericBound(before, kind);
      const a = numericBound(after, kind);
      const strictness = compareBound(kind, b, a);
      if (strictness === undefined) continue;
      if (ctx.mode === 'observation' && (strictness !== 'relaxed' || a === undefined)) continue;
      const [looser, limit] = strictness === 'relaxed' ? [after, b] : [before, a];
      if (limit !== undefined && listedValuesMeet(looser, (v) => meets(v, kind, limit))) continue;
      findings.push(
        finding(`${ctx.direction}-${name}-${strictness}`, ctx, {
          before: boundKeywords(before, kind),
          after: boundKeywords(after, kind),
          params: { before: describeBound(kind, b), after: describeBound(kind, a) },
        }),
      );
    }
    return findings;
  },
};
