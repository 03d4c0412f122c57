import { operationMatchKey } from '../../spec/operation-key.js';
import type { SpecDocument } from '../../spec/types.js';
import { levelRank, type Change } from '../types.js';
import { specRules } from './index.js';
import { SchemaPairDiffer } from './schema-pairs.js';
import type { SpecDiffContext } from './spec-rule.js';

export interface SpecDiffOptions {
  /** `METHOD /path` of the operations the consumer calls; changes to other operations are left out. Default: all. */
  operations?: readonly string[];
}

/**
 * Every change between two versions of an API description, judged from the consumer's side:
 * operations, parameters, bodies, responses, headers, security and servers, and the schemas
 * inside them. Changes to one operation carry it as `operation`; `path` points into it.
 */
export function diffSpecs(before: SpecDocument, after: SpecDocument, options: SpecDiffOptions = {}): Change[] {
  const wanted = options.operations ? new Set(options.operations.map(operationMatchKey)) : undefined;
  const ctx: SpecDiffContext = { path: '', before, after, schemas: new SchemaPairDiffer(before.root, after.root) };
  const changes: Change[] = [];
  for (const rule of specRules) if (rule.checkDocument) changes.push(...rule.checkDocument(before, after, ctx));
  for (const [key, b] of Object.entries(before.operations)) {
    const a = after.operations[key];
    if (!a || (wanted && !wanted.has(key))) continue;
    const operationCtx = { ...ctx, operation: a.key };
    for (const rule of specRules) if (rule.checkOperation) changes.push(...rule.checkOperation(b, a, operationCtx));
    changes.push(...ctx.schemas.flush());
  }
  const kept = wanted ? changes.filter((c) => c.operation === undefined || wanted.has(operationMatchKey(c.operation))) : changes;
  return inReportOrder(kept);
}

/**
 * Most severe first, then by operation, path and id: the order of `sortChanges`, compared by code
 * unit rather than by locale. A spec diff can have tens of thousands of changes: they are grouped by
 * level and operation first, so that only the (few) changes of one group are compared by path.
 */
function inReportOrder(changes: Change[]): Change[] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = `${2 - levelRank(change.level)}\u0001${change.operation ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(change);
  }
  const out: Change[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!.sort((x, y) => compare(x.path, y.path) || compare(x.id, y.id));
    for (const change of group) out.push(change);
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
