import type { JsonSchema } from '../schema/types.js';

export const LEVELS = ['breaking', 'warning', 'info'] as const;
export type Level = (typeof LEVELS)[number];

/** Which side of the API a schema describes: what the consumer receives, or what it sends. */
export type Direction = 'response' | 'request';

/**
 * `schema`: both sides are complete descriptions (two spec versions, two schema files).
 * `observation`: `after` was inferred from sampled responses, so what it lacks (an optional field
 * absent this time, a nullable field that was not null, an enum value not seen, a keyword inference
 * never writes) is sample variance, not change. Only what the observation shows and the baseline
 * does not allow is drift.
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

/** How a rule sees the schemas it compares: `$ref`s followed, wrappers unwrapped, `allOf` merged. */
export interface SchemaLens {
  /** The schema a raw node stands for (see `src/diff/resolve.ts`), with its modifiers applied. */
  site(node: JsonSchema, side: Side): JsonSchema;
  /** The structural core of a raw node: `$ref`s followed, one-branch wrappers and `allOf` merged away. */
  core(node: JsonSchema, side: Side): JsonSchema;
  /** The `$ref` a core was first reached by, if any (its name across versions). */
  refOf(core: JsonSchema, side: Side): string | undefined;
}

export type Side = 'before' | 'after';

export interface DiffContext {
  direction: Direction;
  mode: DiffMode;
  /** JSON Pointer of the current node. */
  path: string;
  operation?: string;
  /** Resolves `$ref`s against the root documents of the diff; absent outside the walker. */
  lens?: SchemaLens;
}

/**
 * What a rule found, before it is placed in a report: `node` is the pointer of the node the rule ran
 * on and `path` the pointer of the change (both relative to where the walker placed the node), so
 * one finding can be reported under any path the node is reached by.
 */
export interface Finding {
  id: string;
  node: string;
  path: string;
  before: unknown;
  after: unknown;
  params?: Record<string, string | number>;
  confidence?: number;
}

/** A rule's check of one pair of schema nodes; recursion into children is the walker's job. */
export type NodeCheck = (before: JsonSchema, after: JsonSchema, ctx: DiffContext) => Finding[];

/** A small before/after pair that makes a rule fire; shown in the catalogue and run by the tests. */
export interface RuleExample {
  before: unknown;
  after: unknown;
  mode?: DiffMode;
}

export interface RuleDefinition {
  id: string;
  level: Level;
  direction: Direction;
  /** One line for the catalogue. */
  doc: string;
  /** Message template (from `src/diff/messages.ts`); `{name}` placeholders are filled from the change. */
  message: string;
  example?: RuleExample;
  /**
   * Why a mirror rule is missing: `direction` for the same change on the other side of the API,
   * `action` for the opposite change (added/removed, widened/narrowed, …).
   */
  unmirrored?: { direction?: string; action?: string };
}

export function levelRank(level: Level): number {
  return level === 'breaking' ? 2 : level === 'warning' ? 1 : 0;
}
