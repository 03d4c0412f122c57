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
 * unit rather than by locale. A spec diff can have tens of thousands of changes, so each gets one
 * sort key and the keys are sorted natively.
 */
function inReportOrder(changes: Change[]): Change[] {
  const width = String(changes.length).length;
  const keys = changes.map((c, i) => `${2 - levelRank(c.level)}\u0001${c.operation ?? ''}\u0001${c.path}\u0001${c.id}\u0001${String(i).padStart(width, '0')}`);
  keys.sort();
  return keys.map((key) => changes[Number(key.slice(key.lastIndexOf('\u0001') + 1))]!);
}
