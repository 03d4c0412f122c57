import { stableStringify } from '../../schema/canonical.js';
import { isSchemaObject } from '../../schema/normalize.js';
import type { JsonSchema } from '../../schema/types.js';
import { describeBranch } from '../facts.js';
import { lensOf } from '../properties.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { Finding } from '../types.js';

function branchKey(branch: JsonSchema): string {
  return typeof branch.$ref === 'string' ? `ref:${branch.$ref}` : stableStringify(branch);
}

export const allOfRule: SchemaRule = {
  name: 'all-of',
  scope: 'node',
  observation: 'inference never writes allOf, so an observation says nothing about it',
  definitions: [
    ...mirrored(
      'all-of-branch-added',
      { response: 'info', request: 'info' },
      'an `allOf` gained a part; what the part adds (properties, required ones) is reported by the property rules.',
      { example: { before: { allOf: [{ $ref: '#/$defs/base' }, { type: 'object' }], $defs: { base: { type: 'object' } } }, after: { allOf: [{ $ref: '#/$defs/base' }, { type: 'object' }, { title: 'Timestamps', type: 'object' }], $defs: { base: { type: 'object' } } } } },
    ),
    ...mirrored(
      'all-of-branch-removed',
      { response: 'info', request: 'info' },
      'an `allOf` lost a part; what the part took away is reported by the property rules.',
      { example: { before: { allOf: [{ type: 'object' }, { title: 'Timestamps', type: 'object' }] }, after: { allOf: [{ type: 'object' }, { type: 'object', title: 'Audit' }] } } },
    ),
  ],
  check(before, after, ctx) {
    if (ctx.mode === 'observation') return [];
    if (!Array.isArray(before.allOf) || !Array.isArray(after.allOf)) return [];
    const lens = lensOf(ctx);
    const b = before.allOf.filter(isSchemaObject);
    const a = after.allOf.filter(isSchemaObject);
    const beforeKeys = new Set(b.map(branchKey));
    const afterKeys = new Set(a.map(branchKey));
    const findings: Finding[] = [];
    a.forEach((branch, index) => {
      if (beforeKeys.has(branchKey(branch))) return;
      findings.push(
        finding(`${ctx.direction}-all-of-branch-added`, ctx, {
          at: ['allOf', String(index)],
          before: undefined,
          after: branch,
          params: { branch: describeBranch(branch, lens, 'after') },
        }),
      );
    });
    b.forEach((branch, index) => {
      if (afterKeys.has(branchKey(branch))) return;
      findings.push(
        finding(`${ctx.direction}-all-of-branch-removed`, ctx, {
          at: ['allOf', String(index)],
          before: branch,
          after: undefined,
          params: { branch: describeBranch(branch, lens, 'before') },
        }),
      );
    });
    return findings;
  },
};
