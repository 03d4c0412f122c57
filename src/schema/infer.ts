import { learn, stateSchema, type Flavour, type LearningState } from './state.js';
import type { JsonSchema } from './types.js';

export type { Flavour } from './state.js';

export interface InferOptions {
  /**
   * `baseline` (default): what a baseline may promise; `enum` and `format` only on evidence.
   * `observation`: exactly what was seen, for a diff in memory; never to be persisted.
   */
  flavour?: Flavour;
  /** Containers nested deeper than this are refused with an InferenceError (default 256). */
  maxDepth?: number;
  /** A schema (usually the baseline) whose maps the result follows where the samples alone would not show one. */
  mapsLike?: JsonSchema;
}

/**
 * Infers one canonical JSON Schema (draft 2020-12) that every sample validates against. Every
 * element of an array is learned from, so a list response teaches the shape of its items.
 */
export function inferSchema(samples: Iterable<unknown>, options: InferOptions = {}): JsonSchema {
  const state = learn(samples, { flavour: options.flavour ?? 'baseline', ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}) });
  return stateSchema(state, { mapsLike: options.mapsLike });
}

/** The schema document of a learning state (see state.ts for learning incrementally). */
export function schemaOf(state: LearningState, options: Pick<InferOptions, 'mapsLike'> = {}): JsonSchema {
  return stateSchema(state, options);
}
