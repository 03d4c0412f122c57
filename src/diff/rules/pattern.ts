import { listedValuesMeet } from '../facts.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';

/** A vendor's pattern as an ECMAScript regular expression (JSON Schema's dialect), or undefined when it does not compile. */
function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

export const patternRule: SchemaRule = {
  name: 'pattern',
  scope: 'node',
  observation: 'inference never writes a pattern, so an observation says nothing about patterns',
  definitions: [
    ...mirrored('pattern-added', { response: 'info', request: 'warning' }, 'a regular expression now constrains the value.', {
      example: { before: { type: 'string' }, after: { type: 'string', pattern: '^ch_' } },
    }),
    ...mirrored('pattern-removed', { response: 'warning', request: 'info' }, 'the value no longer promises to match a regular expression.', {
      example: { before: { type: 'string', pattern: '^ch_' }, after: { type: 'string' } },
    }),
    ...mirrored('pattern-changed', { response: 'warning', request: 'warning' }, 'the regular expression the value matches changed.', {
      example: { before: { type: 'string', pattern: '^ch_' }, after: { type: 'string', pattern: '^py_' } },
    }),
  ],
  check(before, after, ctx) {
    if (ctx.mode === 'observation') return [];
    const b = typeof before.pattern === 'string' ? before.pattern : undefined;
    const a = typeof after.pattern === 'string' ? after.pattern : undefined;
    if (b === a) return [];
    const kind = b !== undefined && a !== undefined ? 'changed' : a !== undefined ? 'added' : 'removed';
    // Listed values that all match the pattern on the other side make the change moot.
    const regex = kind === 'removed' ? compile(b!) : kind === 'added' ? compile(a!) : undefined;
    if (regex && listedValuesMeet(kind === 'removed' ? after : before, (v) => typeof v !== 'string' || regex.test(v))) return [];
    return [finding(`${ctx.direction}-pattern-${kind}`, ctx, { before: b, after: a, params: { before: b ?? 'none', after: a ?? 'none' } })];
  },
};
