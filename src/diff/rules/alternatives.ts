import { matchBranches } from '../branches.js';
import { describeBranch } from '../facts.js';
import { lensOf } from '../properties.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { Finding } from '../types.js';

const added = { response: 'breaking', request: 'info' } as const;
const removed = { response: 'info', request: 'breaking' } as const;

export const alternativesRule: SchemaRule = {
  name: 'alternatives',
  scope: 'node',
  observation: 'a sample shows one alternative at a time: alternatives not seen are variance, a new kind of value is reported',
  definitions: [
    ...mirrored('any-of-branch-added', added, 'an `anyOf` admits a new kind of value (a field that became expandable counts).', {
      example: { before: { type: 'string' }, after: { anyOf: [{ type: 'string' }, { $ref: '#/$defs/customer' }], $defs: { customer: { type: 'object' } } } },
    }),
    ...mirrored('any-of-branch-removed', removed, 'an `anyOf` no longer admits one kind of value.', {
      example: { before: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, after: { anyOf: [{ type: 'string' }, { type: 'boolean' }] } },
    }),
    ...mirrored('one-of-branch-added', added, 'a `oneOf` admits a new kind of value.', {
      example: { before: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, after: { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] } },
    }),
    ...mirrored('one-of-branch-removed', removed, 'a `oneOf` no longer admits one kind of value.', {
      example: { before: { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] }, after: { oneOf: [{ type: 'string' }, { type: 'integer' }] } },
    }),
  ],
  check(before, after, ctx) {
    const lens = lensOf(ctx);
    const match = matchBranches(before, after, lens);
    if (!match) return [];
    // A plain value that matches none of the other side's alternatives is a type change, not a branch change.
    if ((match.before.keyword === undefined || match.after.keyword === undefined) && match.pairs.length === 0) return [];
    const findings: Finding[] = [];
    if (match.after.keyword !== undefined) {
      for (const index of match.added) {
        const branch = match.after.branches[index]!;
        findings.push(
          finding(`${ctx.direction}-${kebab(match.after.keyword)}-branch-added`, ctx, {
            at: [match.after.keyword, String(index)],
            before: undefined,
            after: branch,
            params: { keyword: match.after.keyword, branch: describeBranch(branch, lens, 'after') },
          }),
        );
      }
    }
    if (match.before.keyword !== undefined && ctx.mode !== 'observation') {
      for (const index of match.removed) {
        const branch = match.before.branches[index]!;
        findings.push(
          finding(`${ctx.direction}-${kebab(match.before.keyword)}-branch-removed`, ctx, {
            at: [match.before.keyword, String(index)],
            before: branch,
            after: undefined,
            params: { keyword: match.before.keyword, branch: describeBranch(branch, lens, 'before') },
          }),
        );
      }
    }
    return findings;
  },
};

function kebab(keyword: 'anyOf' | 'oneOf'): string {
  return keyword === 'anyOf' ? 'any-of' : 'one-of';
}
