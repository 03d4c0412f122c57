import { joinPointer } from './pointer.js';
import type { DiffContext, Direction, Finding, Level, NodeCheck, RuleDefinition, RuleExample } from './types.js';

/**
 * A rule as its family declares it; the registry adds the message from `messages.ts` (keyed by id),
 * or takes the one given here when that file has none.
 */
export type RuleSpec = Omit<RuleDefinition, 'message'> & { message?: string };

/**
 * One family of related rules: their definitions and the check that emits them. `node` families
 * compare the structural cores of two nodes (`$ref`s followed, wrappers and `allOf` merged away);
 * `site` families compare what a position says about its value whatever it refers to (nullable,
 * deprecated, readOnly/writeOnly, default), so a change on a wrapper is seen where it is written.
 */
export interface SchemaRule {
  name: string;
  scope: 'node' | 'site';
  /** How the family reads an observation (DiffMode `observation`): what it ignores as sample variance. */
  observation: string;
  definitions: RuleSpec[];
  check: NodeCheck;
}

export interface MirrorOptions {
  example?: RuleExample;
  /** Per direction: why a mirror rule is missing (see RuleDefinition.unmirrored). */
  unmirrored?: Partial<Record<Direction, RuleDefinition['unmirrored']>>;
}

/** The same change seen from both sides: one definition per direction, ids prefixed with it. */
export function mirrored(name: string, levels: Record<Direction, Level>, doc: string, options: MirrorOptions = {}): RuleSpec[] {
  return (['response', 'request'] as const).map((direction) => {
    const spec: RuleSpec = {
      id: `${direction}-${name}`,
      level: levels[direction],
      direction,
      doc: `${direction === 'response' ? 'Response' : 'Request'}: ${doc}`,
    };
    if (options.example) spec.example = options.example;
    const reason = options.unmirrored?.[direction];
    if (reason) spec.unmirrored = reason;
    return spec;
  });
}

/** A finding of rule `id` at the current node, or at `at` below it. */
export function finding(
  id: string,
  ctx: Pick<DiffContext, 'path'>,
  details: { at?: string[]; before: unknown; after: unknown; params?: Record<string, string | number>; confidence?: number },
): Finding {
  const result: Finding = {
    id,
    node: ctx.path,
    path: details.at ? joinPointer(ctx.path, ...details.at) : ctx.path,
    before: details.before,
    after: details.after,
  };
  if (details.params) result.params = details.params;
  if (details.confidence !== undefined) result.confidence = details.confidence;
  return result;
}
