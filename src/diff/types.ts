import type { JsonSchema } from '../schema/types.js';

export const LEVELS = ['breaking', 'warning', 'info'] as const;
export type Level = (typeof LEVELS)[number];

/** Which side of the API a schema describes: what the consumer receives, or what it sends. */
export type Direction = 'response' | 'request';

/**
 * `schema`: both sides are complete descriptions (two spec versions, two schema files).
 * `observation`: `after` was inferred from sampled responses, so what it lacks (an optional field
 * absent this time, a nullable field that was not null) is sample variance, not change.
 */
export type DiffMode = 'schema' | 'observation';

/** One difference between two schemas, judged from the consumer's side. */
export interface Change {
  /** Stable kebab-case rule id, e.g. `response-property-removed`. */
  id: string;
  level: Level;
  /** JSON Pointer into the schema (for spec monitors, into the operation's schema). */
  path: string;
  /** `METHOD /path` of the operation, for spec monitors. */
  operation?: string;
  message: string;
  before: unknown;
  after: unknown;
  /** For heuristic findings (a rename candidate): how sure the rule is, 0..1. */
  confidence?: number;
}

export interface DiffContext {
  direction: Direction;
  mode: DiffMode;
  /** JSON Pointer of the current node. */
  path: string;
  operation?: string;
}

/** A rule's check of one pair of schema nodes; recursion into children is the walker's job. */
export type NodeCheck = (before: JsonSchema, after: JsonSchema, ctx: DiffContext) => Change[];

export interface RuleDefinition {
  id: string;
  level: Level;
  direction: Direction;
  /** One line for the catalogue. */
  doc: string;
  /** Message template; `{name}` placeholders are filled from the change's parameters. */
  message: string;
}

export function levelRank(level: Level): number {
  return level === 'breaking' ? 2 : level === 'warning' ? 1 : 0;
}
