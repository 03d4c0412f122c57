import type { Direction, Level, NodeCheck, RuleDefinition } from './types.js';

/** One family of related rules: their definitions and the check that emits them. */
export interface SchemaRule {
  definitions: RuleDefinition[];
  check: NodeCheck;
}

/** The same change seen from both sides: one definition per direction, ids prefixed with it. */
export function mirrored(
  name: string,
  levels: Record<Direction, Level>,
  doc: string,
  message: string,
): RuleDefinition[] {
  return (['response', 'request'] as const).map((direction) => ({
    id: `${direction}-${name}`,
    level: levels[direction],
    direction,
    doc: `${direction === 'response' ? 'Response' : 'Request'}: ${doc}`,
    message,
  }));
}
