import { enumValues, showShort, valueKey } from '../facts.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { Finding } from '../types.js';
import type { JsonValue } from '../../schema/types.js';

function minus(values: JsonValue[], other: JsonValue[]): JsonValue[] {
  const keys = new Set(other.map(valueKey));
  return values.filter((v) => !keys.has(valueKey(v)));
}

function list(values: JsonValue[]): string {
  return values.map((v) => showShort(v, 40)).join(', ');
}

export const enumRule: SchemaRule = {
  name: 'enum',
  scope: 'node',
  observation:
    'the observation lists every distinct value seen: a value outside the baseline enum is new; values not seen, or no list at all (too many values to list), are variance',
  definitions: [
    ...mirrored('enum-value-added', { response: 'breaking', request: 'info' }, 'an enum admits a value it did not.', {
      example: { before: { type: 'string', enum: ['paid', 'open'] }, after: { type: 'string', enum: ['paid', 'open', 'void'] } },
    }),
    ...mirrored('enum-value-removed', { response: 'info', request: 'breaking' }, 'an enum no longer admits a value.', {
      example: { before: { type: 'string', enum: ['paid', 'open', 'void'] }, after: { type: 'string', enum: ['paid', 'open'] } },
    }),
    ...mirrored('enum-constraint-added', { response: 'info', request: 'breaking' }, 'a value that was free is now restricted to an enum.', {
      example: { before: { type: 'string' }, after: { type: 'string', enum: ['paid', 'open'] } },
    }),
    ...mirrored('enum-constraint-removed', { response: 'breaking', request: 'info' }, 'a value restricted to an enum is now free.', {
      example: { before: { type: 'string', enum: ['paid', 'open'] }, after: { type: 'string' } },
    }),
  ],
  check(before, after, ctx) {
    const b = enumValues(before);
    const a = enumValues(after);
    if (b === undefined && a === undefined) return [];
    if (b === undefined || a === undefined) {
      if (ctx.mode === 'observation') return [];
      const id = `${ctx.direction}-enum-constraint-${a ? 'added' : 'removed'}`;
      return [finding(id, ctx, { before: b, after: a, params: { values: list((a ?? b)!) } })];
    }
    const findings: Finding[] = [];
    const added = minus(a, b);
    const removed = minus(b, a);
    if (added.length > 0) {
      findings.push(finding(`${ctx.direction}-enum-value-added`, ctx, { before: b, after: a, params: { values: list(added) } }));
    }
    if (removed.length > 0 && ctx.mode !== 'observation') {
      findings.push(finding(`${ctx.direction}-enum-value-removed`, ctx, { before: b, after: a, params: { values: list(removed) } }));
    }
    return findings;
  },
};
