import { isSchemaObject } from '../schema/normalize.js';
import type { JsonSchema } from '../schema/types.js';
import { enumValues, propertiesOf, requiredSet, typeAdmitted, typesOf, valueKey } from './facts.js';
import { nameSimilarity } from './names.js';
import { DiffLens, DocumentLens } from './resolve.js';
import type { DiffContext, SchemaLens, Side } from './types.js';

const standalone = new WeakMap<DiffContext, SchemaLens>();

/** The lens of a context; when a rule runs alone (no walker), one that resolves no `$ref`, kept per context. */
export function lensOf(ctx: DiffContext): SchemaLens {
  if (ctx.lens) return ctx.lens;
  let lens = standalone.get(ctx);
  if (!lens) standalone.set(ctx, (lens = new DiffLens(new DocumentLens(undefined), new DocumentLens(undefined))));
  return lens;
}

/**
 * Whether a property is invisible from this side of the API: a consumer never sends a `readOnly`
 * property and never receives a `writeOnly` one, so rules leave them out.
 */
export function isHidden(property: JsonSchema, side: Side, ctx: DiffContext): boolean {
  const site = lensOf(ctx).site(property, side);
  return ctx.direction === 'request' ? site.readOnly === true : site.writeOnly === true;
}

export interface Rename {
  from: string;
  to: string;
  confidence: number;
}

/** How the properties of two versions of an object differ: what went, what came, and renames. */
export interface PropertyDelta {
  removed: string[];
  added: string[];
  renames: Rename[];
}

const MIN_RENAME_CONFIDENCE = 0.6;
const RENAME_MARGIN = 0.1;
const deltas = new WeakMap<SchemaLens, Map<JsonSchema, Map<JsonSchema, Map<string, PropertyDelta>>>>();

export function propertyDelta(before: JsonSchema, after: JsonSchema, ctx: DiffContext): PropertyDelta {
  const lens = lensOf(ctx);
  let byLens = deltas.get(lens);
  if (!byLens) deltas.set(lens, (byLens = new Map()));
  let byBefore = byLens.get(before);
  if (!byBefore) byLens.set(before, (byBefore = new Map()));
  let byAfter = byBefore.get(after);
  if (!byAfter) byBefore.set(after, (byAfter = new Map()));
  const key = `${ctx.direction}:${ctx.mode}`;
  let delta = byAfter.get(key);
  if (!delta) byAfter.set(key, (delta = computeDelta(before, after, ctx)));
  return delta;
}

function computeDelta(before: JsonSchema, after: JsonSchema, ctx: DiffContext): PropertyDelta {
  const beforeProps = propertiesOf(before);
  const afterProps = propertiesOf(after);
  const has = (props: Record<string, JsonSchema>, name: string) => Object.prototype.hasOwnProperty.call(props, name);
  let removed = Object.keys(beforeProps).filter((name) => !has(afterProps, name) && !isHidden(beforeProps[name]!, 'before', ctx));
  if (ctx.mode === 'observation') {
    // An observation that is not an object here says nothing about properties (the type rules report it),
    // and an optional property absent from a sample is sample variance.
    const required = requiredSet(before);
    const sawObject = after.properties !== undefined || typesOf(after, lensOf(ctx), 'after')?.has('object') === true;
    removed = sawObject ? removed.filter((name) => required.has(name)) : [];
  }
  const added = Object.keys(afterProps).filter((name) => !has(beforeProps, name) && !isHidden(afterProps[name]!, 'after', ctx));
  const renames = matchRenames(removed, added, beforeProps, afterProps, ctx);
  const renamedFrom = new Set(renames.map((r) => r.from));
  const renamedTo = new Set(renames.map((r) => r.to));
  return {
    removed: removed.filter((name) => !renamedFrom.has(name)),
    added: added.filter((name) => !renamedTo.has(name)),
    renames,
  };
}

/**
 * Pairs a removed property with an added one when both have the same shape and similar names, and
 * each is the other's single best candidate; ties are left as removed + added.
 */
function matchRenames(
  removed: string[],
  added: string[],
  beforeProps: Record<string, JsonSchema>,
  afterProps: Record<string, JsonSchema>,
  ctx: DiffContext,
): Rename[] {
  if (removed.length === 0 || added.length === 0) return [];
  const candidates: Rename[] = [];
  for (const from of removed) {
    for (const to of added) {
      const similarity = nameSimilarity(from, to);
      if (similarity < MIN_RENAME_CONFIDENCE) continue;
      if (!sameShape(beforeProps[from]!, afterProps[to]!, ctx, 3)) continue;
      candidates.push({ from, to, confidence: similarity });
    }
  }
  // A pair is kept when each side's best candidate is the other, ahead of its runner-up by a margin:
  // `name` → `name_first` / `name_last` is a guess, not a rename.
  const leaders = (pick: (r: Rename) => string) => {
    const ranked = new Map<string, Rename[]>();
    for (const c of candidates) {
      const list = ranked.get(pick(c));
      if (list) list.push(c);
      else ranked.set(pick(c), [c]);
    }
    const leader = new Map<string, Rename>();
    for (const [key, list] of ranked) {
      list.sort((x, y) => y.confidence - x.confidence);
      if (list.length === 1 || list[0]!.confidence - list[1]!.confidence >= RENAME_MARGIN) leader.set(key, list[0]!);
    }
    return leader;
  };
  const byFrom = leaders((r) => r.from);
  const byTo = leaders((r) => r.to);
  return candidates.filter((c) => byFrom.get(c.from) === c && byTo.get(c.to) === c);
}

/**
 * Whether two property schemas describe the same values (annotations aside), to `depth` levels of
 * nesting. For an observation, `after` only has to fit inside `before`: a sample shows less.
 */
export function sameShape(before: JsonSchema, after: JsonSchema, ctx: DiffContext, depth: number): boolean {
  const lens = lensOf(ctx);
  const b = lens.site(before, 'before');
  const a = lens.site(after, 'after');
  const observed = ctx.mode === 'observation';
  const tb = typesOf(b, lens, 'before');
  const ta = typesOf(a, lens, 'after');
  if (!tb || !ta) return tb === ta && lens.refOf(lens.core(before, 'before'), 'before') === lens.refOf(lens.core(after, 'after'), 'after');
  if (observed) {
    if (![...ta].every((t) => (t === 'null' ? tb.has('null') : typeAdmitted(t, tb)))) return false;
  } else if (tb.size !== ta.size || ![...tb].every((t) => ta.has(t))) return false;
  if (a.format !== b.format && !(observed && a.format === undefined)) return false;
  const eb = enumValues(b);
  const ea = enumValues(a);
  if (observed) {
    if (eb && ea && !ea.every((v) => eb.some((w) => valueKey(w) === valueKey(v)))) return false;
  } else if (eb || ea) {
    if (!eb || !ea || eb.length !== ea.length || !ea.every((v) => eb.some((w) => valueKey(w) === valueKey(v)))) return false;
  }
  if (ta.has('object')) {
    const pb = propertiesOf(b);
    const pa = propertiesOf(a);
    const kb = Object.keys(pb);
    const ka = Object.keys(pa);
    if (observed) {
      if (!ka.every((k) => k in pb) || ![...requiredSet(b)].every((k) => k in pa)) return false;
    } else {
      const rb = requiredSet(b);
      const ra = requiredSet(a);
      if (kb.length !== ka.length || !kb.every((k) => k in pa) || rb.size !== ra.size || ![...rb].every((k) => ra.has(k))) return false;
    }
    if (depth > 0 && !ka.every((k) => !(k in pb) || sameShape(pb[k]!, pa[k]!, ctx, depth - 1))) return false;
  }
  if (ta.has('array') && depth > 0 && isSchemaObject(b.items) && isSchemaObject(a.items)) {
    if (!sameShape(b.items, a.items, ctx, depth - 1)) return false;
  }
  return true;
}
