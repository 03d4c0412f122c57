import { operationMatchKey } from '../../spec/operation-key.js';
import type { SpecDocument } from '../../spec/types.js';
import { sortChanges } from '../diff.js';
import type { Change } from '../types.js';
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
  }
  const kept = wanted ? changes.filter((c) => c.operation === undefined || wanted.has(operationMatchKey(c.operation))) : changes;
  return sortChanges(kept);
}
