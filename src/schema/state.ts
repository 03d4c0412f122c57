import { shapeToSchema, type Flavour } from './emit.js';
import { ENUM_MAX_DISTINCT, isEnumToken, isOpenSetName, OBSERVATION_VALUE_CAP } from './enum-rule.js';
import { InferenceError } from './errors.js';
import { formatMaskOf, formatNamesOf } from './formats.js';
import { keyClassMaskOf, keyClassNamesOf } from './key-classes.js';
import { addSample, DEFAULT_MAX_DEPTH, emptyShape, mergeInto, mergeShapes, type LearnPolicy, type Shape } from './shape.js';
import { DRAFT_2020_12, type JsonSchema } from './types.js';

export type { Flavour } from './emit.js';

/**
 * What a baseline has learned so far: serialisable (stateToJson), mergeable (mergeStates: order
 * independent and associative) and extendable by later samples without the old ones.
 */
export interface LearningState {
  flavour: Flavour;
  /** Samples learned from (documents, not array elements). */
  samples: number;
  root: Shape;
}

export interface LearnOptions {
  flavour?: Flavour;
  /** Containers nested deeper than this are refused (default 256). */
  maxDepth?: number;
}

const ALWAYS = (): boolean => true;
const NEVER = (): boolean => false;

/** What the learner keeps for a flavour: baseline keeps only enum-like tokens, observation every value up to a cap. */
export function policyFor(flavour: Flavour, maxDepth = DEFAULT_MAX_DEPTH): LearnPolicy {
  return flavour === 'observation'
    ? { maxDepth, valueCap: OBSERVATION_VALUE_CAP, keepValue: ALWAYS, barsValues: NEVER }
    : { maxDepth, valueCap: ENUM_MAX_DISTINCT, keepValue: isEnumToken, barsValues: isOpenSetName };
}

export function valueCapOf(flavour: Flavour): number {
  return policyFor(flavour).valueCap;
}

export function emptyState(flavour: Flavour = 'baseline'): LearningState {
  return { flavour, samples: 0, root: emptyShape() };
}

/** Learns a state from samples (the fast path: one accumulator, updated in place). */
export function learn(samples: Iterable<unknown>, options: LearnOptions = {}): LearningState {
  const flavour = options.flavour ?? 'baseline';
  const policy = policyFor(flavour, options.maxDepth);
  const state = emptyState(flavour);
  for (const sample of samples) {
    addSample(state.root, sample, policy);
    state.samples++;
  }
  return state;
}

/**
 * Adds one sample to a state in place (the fast path for many samples). Not all or nothing: when
 * the sample is refused the state may hold part of it, so discard the state then (or use extendState).
 */
export function learnInto(state: LearningState, sample: unknown, options: Omit<LearnOptions, 'flavour'> = {}): LearningState {
  addSample(state.root, sample, policyFor(state.flavour, options.maxDepth));
  state.samples++;
  return state;
}

/**
 * Adds samples to a state, in place, and returns it. All or nothing: when a sample is refused
 * (too deep, not JSON) the state is left as it was.
 */
export function extendState(state: LearningState, samples: Iterable<unknown>, options: Omit<LearnOptions, 'flavour'> = {}): LearningState {
  const fresh = learn(samples, { ...options, flavour: state.flavour });
  mergeInto(state.root, fresh.root, valueCapOf(state.flavour));
  state.samples += fresh.samples;
  return state;
}

/** The state that learning from the samples of both would give; neither argument changes. */
export function mergeStates(a: LearningState, b: LearningState): LearningState {
  if (a.flavour !== b.flavour) throw new InferenceError('bad-state', `cannot merge a ${a.flavour} state with a ${b.flavour} state`);
  return { flavour: a.flavour, samples: a.samples + b.samples, root: mergeShapes(a.root, b.root, valueCapOf(a.flavour)) };
}

export interface StateSchemaOptions {
  /** A schema whose maps the result follows (see EmitOptions.mapsLike). */
  mapsLike?: JsonSchema | undefined;
}

/** The canonical JSON Schema document (draft 2020-12) of what a state has learned. */
export function stateSchema(state: LearningState, options: StateSchemaOptions = {}): JsonSchema {
  const body = shapeToSchema(state.root, { flavour: state.flavour, valueCap: valueCapOf(state.flavour), mapsLike: options.mapsLike });
  // shapeToSchema writes canonical form already; `$schema` sorts before every keyword it writes.
  return { $schema: DRAFT_2020_12, ...body };
}

// ---- serialisation -------------------------------------------------------------------------------

export const STATE_VERSION = 1;

export interface LearningStateJson {
  version: typeof STATE_VERSION;
  flavour: Flavour;
  samples: number;
  root: ShapeJson;
}

export interface ShapeJson {
  count: number;
  null?: number;
  boolean?: number;
  integer?: number;
  number?: number;
  string?: { count: number; formats: string[]; values?: [string, number][] };
  object?: { count: number; keyClasses: string[]; properties?: [string, ShapeJson][]; values?: ShapeJson };
  array?: { count: number; items?: ShapeJson };
}

function byFirst<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** Plain JSON of a state, in a stable order: equal states give equal JSON text. */
export function stateToJson(state: LearningState): LearningStateJson {
  return { version: STATE_VERSION, flavour: state.flavour, samples: state.samples, root: shapeToJson(state.root) };
}

function shapeToJson(shape: Shape): ShapeJson {
  const out: ShapeJson = { count: shape.count };
  if (shape.nulls) out.null = shape.nulls;
  if (shape.booleans) out.boolean = shape.booleans;
  if (shape.integers) out.integer = shape.integers;
  if (shape.fractions) out.number = shape.fractions;
  if (shape.strings) {
    const s = shape.strings;
    out.string = { count: s.count, formats: formatNamesOf(s.formats) };
    if (s.values) out.string.values = [...s.values].sort(byFirst);
  }
  if (shape.object) {
    const o = shape.object;
    out.object = { count: o.count, keyClasses: keyClassNamesOf(o.keyClasses) };
    if (o.properties) out.object.properties = [...o.properties].map(([k, v]): [string, ShapeJson] => [k, shapeToJson(v)]).sort(byFirst);
    if (o.values) out.object.values = shapeToJson(o.values);
  }
  if (shape.array) {
    out.array = { count: shape.array.count };
    if (shape.array.items) out.array.items = shapeToJson(shape.array.items);
  }
  return out;
}

/** Reads a state written by stateToJson; throws InferenceError('bad-state') on anything else. */
export function stateFromJson(json: unknown): LearningState {
  const doc = record(json, 'state');
  if (doc.version !== STATE_VERSION) throw bad(`version ${String(doc.version)} is not ${STATE_VERSION}`);
  if (doc.flavour !== 'baseline' && doc.flavour !== 'observation') throw bad(`unknown flavour ${String(doc.flavour)}`);
  return { flavour: doc.flavour, samples: count(doc.samples, 'samples'), root: shapeFromJson(doc.root, 'root', undefined) };
}

function bad(message: string): InferenceError {
  return new InferenceError('bad-state', `learning state: ${message}`);
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad(`${where} is not an object`);
  return value as Record<string, unknown>;
}

function count(value: unknown, where: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw bad(`${where} is not a count`);
  return value;
}

function names(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw bad(`${where} is not a list of names`);
  return value as string[];
}

function pairs(value: unknown, where: string): [string, unknown][] {
  if (!Array.isArray(value) || !value.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string')) {
    throw bad(`${where} is not a list of [key, value] pairs`);
  }
  return value as [string, unknown][];
}

function shapeFromJson(value: unknown, where: string, name: string | undefined): Shape {
  const json = record(value, where);
  const shape = emptyShape(name);
  shape.count = count(json.count, `${where}.count`);
  shape.nulls = count(json.null, `${where}.null`);
  shape.booleans = count(json.boolean, `${where}.boolean`);
  shape.integers = count(json.integer, `${where}.integer`);
  shape.fractions = count(json.number, `${where}.number`);
  try {
    if (json.string !== undefined) {
      const s = record(json.string, `${where}.string`);
      const values = s.values === undefined ? undefined : new Map(pairs(s.values, `${where}.string.values`).map(([k, n]) => [k, count(n, `${where}.string.values`)]));
      shape.strings = { count: count(s.count, `${where}.string.count`), formats: formatMaskOf(names(s.formats, `${where}.string.formats`)), values };
    }
    if (json.object !== undefined) {
      const o = record(json.object, `${where}.object`);
      const properties =
        o.properties === undefined ? undefined : new Map(pairs(o.properties, `${where}.object.properties`).map(([k, v]) => [k, shapeFromJson(v, `${where}/${k}`, k)]));
      const values = o.values === undefined ? undefined : shapeFromJson(o.values, `${where}.object.values`, undefined);
      if ((properties === undefined) === (values === undefined)) throw bad(`${where}.object needs properties or values`);
      shape.object = { count: count(o.count, `${where}.object.count`), keyClasses: keyClassMaskOf(names(o.keyClasses, `${where}.object.keyClasses`)), properties, values, order: undefined };
    }
    if (json.array !== undefined) {
      const a = record(json.array, `${where}.array`);
      shape.array = { count: count(a.count, `${where}.array.count`), items: a.items === undefined ? undefined : shapeFromJson(a.items, `${where}.array.items`, name) };
    }
  } catch (error) {
    if (error instanceof InferenceError) throw error;
    throw bad(`${where}: ${(error as Error).message}`);
  }
  return shape;
}
