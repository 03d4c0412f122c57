import type { Operation, SpecDocument } from '../../spec/types.js';
import type { Change, Level, RuleDefinition } from '../types.js';
import type { SchemaPairDiffer } from './schema-pairs.js';

export interface SpecDiffContext {
  /** JSON Pointer changes start from: the operation (for operation checks) or the document. */
  path: string;
  operation?: string;
  before: SpecDocument;
  after: SpecDocument;
  /** Compares schemas of the two documents, following `$ref`s, each component pair once. */
  schemas: SchemaPairDiffer;
}

export interface OperationContext extends SpecDiffContext {
  operation: string;
}

/**
 * One family of spec rules. A family looks at the two documents as a whole (operations added or
 * removed, security schemes, servers), at one operation present in both, or both.
 */
export interface SpecRule {
  definitions: RuleDefinition[];
  checkDocument?: (before: SpecDocument, after: SpecDocument, ctx: SpecDiffContext) => Change[];
  checkOperation?: (before: Operation, after: Operation, ctx: OperationContext) => Change[];
}

/** A definition of a spec rule; its id names the side of the API the consumer feels it on. */
export function rule(id: `${'request' | 'response'}-${string}`, level: Level, doc: string, message: string): RuleDefinition {
  const direction = id.startsWith('response-') ? 'response' : 'request';
  return { id, level, direction, doc: `${direction === 'response' ? 'Response' : 'Request'}: ${doc}`, message };
}

/** Keys of `after` missing from `before`, and of `before` missing from `after`, and those in both. */
export function keyDiff(before: Record<string, unknown>, after: Record<string, unknown>): { added: string[]; removed: string[]; common: string[] } {
  const added = Object.keys(after).filter((k) => !Object.prototype.hasOwnProperty.call(before, k));
  const removed = Object.keys(before).filter((k) => !Object.prototype.hasOwnProperty.call(after, k));
  const common = Object.keys(before).filter((k) => Object.prototype.hasOwnProperty.call(after, k));
  return { added, removed, common };
}
