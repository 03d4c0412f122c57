import { listedValuesMeet } from '../facts.js';
import { compareCount, countOf } from '../limits.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { Finding } from '../types.js';
import type { JsonSchema } from '../../schema/types.js';

const LEVELS = {
  tightened: { response: 'info', request: 'breaking' },
  relaxed: { response: 'breaking', request: 'info' },
} as const;

/** Shortest and longest string an observation saw, from the values it lists (lengths in code points, as JSON Schema counts). */
function observedLengths(schema: JsonSchema): { min: number; max: number } | undefined {
  if (!Array.isArray(schema.enum)) return undefined;
  const lengths = schema.enum.filter((v): v is string => typeof v === 'string').map((v) => [...v].length);
  if (lengths.length === 0) return undefined;
  return { min: Math.min(...lengths), max: Math.max(...lengths) };
}

export const lengthRule: SchemaRule = {
  name: 'length',
  scope: 'node',
  observation: 'a stated length limit looser than the baseline\'s, or a value seen outside the baseline\'s limits, counts; a missing limit is variance',
  definitions: [
    ...mirrored('min-length-tightened', LEVELS.tightened, 'strings must be longer than before (`minLength` added or raised).', {
      example: { before: { type: 'string' }, after: { type: 'string', minLength: 1 } },
    }),
    ...mirrored('min-length-relaxed', LEVELS.relaxed, 'shorter strings are allowed (`minLength` lowered or removed).', {
      example: { before: { type: 'string', minLength: 3 }, after: { type: 'string', minLength: 1 } },
    }),
    ...mirrored('max-length-tightened', LEVELS.tightened, 'strings must be shorter than before (`maxLength` added or lowered).', {
      example: { before: { type: 'string', maxLength: 5000 }, after: { type: 'string', maxLength: 255 } },
    }),
    ...mirrored('max-length-relaxed', LEVELS.relaxed, 'longer strings are allowed (`maxLength` raised or removed).', {
      example: { before: { type: 'string', maxLength: 255 }, after: { type: 'string' } },
    }),
  ],
  check(before, after, ctx) {
    const findings: Finding[] = [];
    const seen = ctx.mode === 'observation' ? observedLengths(after) : undefined;
    for (const [kind, keyword, name] of [['lower', 'minLength', 'min-length'], ['upper', 'maxLength', 'max-length']] as const) {
      const b = countOf(before, keyword);
      let a = countOf(after, keyword);
      if (seen && b !== undefined && a === undefined) {
        const extreme = kind === 'lower' ? seen.min : seen.max;
        if (kind === 'lower' ? extreme < b : extreme > b) a = extreme;
      }
      const strictness = compareCount(kind, b, a);
      if (strictness === undefined) continue;
      if (ctx.mode === 'observation' && (strictness !== 'relaxed' || a === undefined)) continue;
      const [looser, limit] = strictness === 'relaxed' ? [after, b] : [before, a];
      if (limit !== undefined && listedValuesMeet(looser, (v) => typeof v !== 'string' || (kind === 'lower' ? [...v].length >= limit : [...v].length <= limit))) continue;
      findings.push(
        finding(`${ctx.direction}-${name}-${strictness}`, ctx, { before: b, after: a, params: { keyword, before: b ?? 'none', after: a ?? 'none' } }),
      );
    }
    return findings;
  },
};
