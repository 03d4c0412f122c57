import { isSchemaObject } from '../../schema/normalize.js';
import type { JsonSchema } from '../../schema/types.js';
import { followRefs, refOf } from '../../spec/refs.js';
import { diffSchemas } from '../diff.js';
import { joinPointer } from '../pointer.js';
import type { Change, Direction } from '../types.js';

/** Where a schema sits in an operation: the side of the API, and the pointer its changes start from. */
export interface SchemaSite {
  direction: Direction;
  operation: string;
  basePath: string;
}

/** A pair of `$ref`s met at the same place in the two versions. */
interface RefEdge {
  path: string;
  before: string;
  after: string;
}

/** What comparing one pair of schemas found without following `$ref`s: its changes (paths start at BASE) and the ref pairs below it. */
interface LocalDiff {
  changes: Change[];
  edges: RefEdge[];
}

interface Reached {
  key: string;
  path: string;
  hops: number;
}

/** Placeholder base pointer: a component's changes are computed once, then re-based under each place that reaches it. */
const BASE = '\uE000';
const BASE_IN_TEXT = /\uE000([^\s`'"]*)/g;

const COMBINATORS = ['anyOf', 'oneOf', 'allOf'] as const;

/**
 * Diffs schemas of two spec versions, following `$ref`s with cycles handled. Every pair of referenced
 * schemas (`#/components/schemas/charge` then and now) is compared once per direction, however many
 * operations reach it; each operation gets that pair's changes once, at the shortest path that
 * reaches it. This is the only place spec diffs call `diffSchemas`: when the walker resolves
 * `$ref`s itself (`beforeRoot`/`afterRoot`), `diff` becomes that one call.
 */
export class SchemaPairDiffer {
  private readonly locals = new Map<string, LocalDiff>();
  private readonly closures = new Map<string, Reached[]>();
  /** Component pairs compared so far, for tests and benchmarks. */
  comparisons = 0;

  constructor(
    private readonly beforeRoot: unknown,
    private readonly afterRoot: unknown,
  ) {}

  diff(before: JsonSchema, after: JsonSchema, site: SchemaSite): Change[] {
    const out: Change[] = [];
    let roots: RefEdge[];
    const beforeRef = refOf(before);
    const afterRef = refOf(after);
    if (beforeRef !== undefined && afterRef !== undefined) {
      roots = [{ path: '', before: beforeRef, after: afterRef }];
    } else {
      const local = this.compare(before, after, site.direction);
      for (const change of local.changes) out.push(rebase(change, site.basePath, site.operation));
      roots = local.edges;
    }
    const best = new Map<string, { path: string; hops: number }>();
    for (const root of roots) {
      for (const reached of this.closure(root.before, root.after, site.direction)) {
        const path = root.path + reached.path;
        const known = best.get(reached.key);
        if (!known || reached.hops < known.hops || (reached.hops === known.hops && path < known.path)) best.set(reached.key, { path, hops: reached.hops });
      }
    }
    for (const [key, { path }] of best) {
      for (const change of this.locals.get(key)!.changes) out.push(rebase(change, site.basePath + path, site.operation));
    }
    return out;
  }

  /** Every ref pair reachable from one (itself included) whose own comparison found changes, at its fewest-hops path. */
  private closure(beforeRef: string, afterRef: string, direction: Direction): Reached[] {
    const start = pairKey(direction, beforeRef, afterRef);
    const cached = this.closures.get(start);
    if (cached) return cached;
    const found: Reached[] = [];
    const seen = new Set<string>([start]);
    let frontier: { key: string; edge: RefEdge; path: string }[] = [{ key: start, edge: { path: '', before: beforeRef, after: afterRef }, path: '' }];
    for (let hops = 1; frontier.length > 0; hops++) {
      const next: typeof frontier = [];
      for (const node of frontier) {
        const local = this.refPair(node.key, node.edge.before, node.edge.after, direction);
        if (local.changes.length > 0) found.push({ key: node.key, path: node.path, hops });
        for (const edge of local.edges) {
          const key = pairKey(direction, edge.before, edge.after);
          if (seen.has(key)) continue;
          seen.add(key);
          next.push({ key, edge, path: node.path + edge.path });
        }
      }
      frontier = next;
    }
    this.closures.set(start, found);
    return found;
  }

  private refPair(key: string, beforeRef: string, afterRef: string, direction: Direction): LocalDiff {
    let local = this.locals.get(key);
    if (local) return local;
    const before = resolveSchema(this.beforeRoot, { $ref: beforeRef });
    const after = resolveSchema(this.afterRoot, { $ref: afterRef });
    // A reference that cannot be followed (external, dangling, a cycle of bare refs) is compared by name only.
    local = before && after ? this.compare(before, after, direction) : { changes: [], edges: [] };
    this.locals.set(key, local);
    return local;
  }

  private compare(before: JsonSchema, after: JsonSchema, direction: Direction): LocalDiff {
    this.comparisons++;
    const edges: RefEdge[] = [];
    const [b, a] = this.align(before, after, '', edges);
    return { changes: diffSchemas(b, a, { direction, mode: 'schema', basePath: BASE }), edges };
  }

  /**
   * The pair as the walker should see it: where both sides are `$ref`s the pair is left opaque and
   * recorded as an edge; where only one side is, that side is resolved in place (copy on write, the
   * documents are never changed), so an inline schema is compared with what the reference meant.
   */
  private align(before: JsonSchema, after: JsonSchema, path: string, edges: RefEdge[]): [JsonSchema, JsonSchema] {
    const beforeRef = refOf(before);
    const afterRef = refOf(after);
    if (beforeRef !== undefined && afterRef !== undefined) {
      edges.push({ path, before: beforeRef, after: afterRef });
      return [before, after];
    }
    let b = before;
    let a = after;
    if (beforeRef !== undefined) b = resolveSchema(this.beforeRoot, before) ?? before;
    if (afterRef !== undefined) a = resolveSchema(this.afterRoot, after) ?? after;
    if (refOf(b) !== undefined || refOf(a) !== undefined) return [b, a];

    const bOut = new Draft(b);
    const aOut = new Draft(a);
    const child = (bChild: unknown, aChild: unknown, childPath: string, set: (draft: Draft, value: JsonSchema) => void) => {
      if (!isSchemaObject(bChild) || !isSchemaObject(aChild)) return;
      const [cb, ca] = this.align(bChild, aChild, childPath, edges);
      if (cb !== bChild) set(bOut, cb);
      if (ca !== aChild) set(aOut, ca);
    };
    if (isSchemaObject(b.properties) && isSchemaObject(a.properties)) {
      const bProps = b.properties;
      const aProps = a.properties;
      for (const name of Object.keys(bProps)) {
        if (!Object.prototype.hasOwnProperty.call(aProps, name)) continue;
        child(bProps[name], aProps[name], joinPointer(path, 'properties', name), (draft, value) => draft.setIn('properties', name, value));
      }
    }
    for (const keyword of ['items', 'additionalProperties', 'not'] as const) {
      child(b[keyword], a[keyword], joinPointer(path, keyword), (draft, value) => draft.set(keyword, value));
    }
    for (const keyword of COMBINATORS) {
      const bList = b[keyword];
      const aList = a[keyword];
      if (!Array.isArray(bList) || !Array.isArray(aList)) continue;
      for (const [i, j] of pairBranches(bList, aList)) {
        const [cb, ca] = isSchemaObject(bList[i]) && isSchemaObject(aList[j]) ? this.align(bList[i]!, aList[j]!, joinPointer(path, keyword, String(i)), edges) : [bList[i], aList[j]];
        if (cb !== bList[i]) bOut.setAt(keyword, i, cb as JsonSchema);
        if (ca !== aList[j]) aOut.setAt(keyword, j, ca as JsonSchema);
      }
    }
    return [bOut.result(), aOut.result()];
  }
}

/** Branches of `anyOf`/`oneOf`/`allOf` paired: the same `$ref` first, then the rest in order. */
export function pairBranches(before: readonly unknown[], after: readonly unknown[]): [number, number][] {
  const pairs: [number, number][] = [];
  const usedAfter = new Set<number>();
  const unpairedBefore: number[] = [];
  before.forEach((branch, i) => {
    const ref = refOf(branch);
    const j = ref === undefined ? -1 : after.findIndex((other, k) => !usedAfter.has(k) && refOf(other) === ref);
    if (j >= 0) {
      pairs.push([i, j]);
      usedAfter.add(j);
    } else {
      unpairedBefore.push(i);
    }
  });
  const unpairedAfter = after.map((_, k) => k).filter((k) => !usedAfter.has(k) && refOf(after[k]) === undefined);
  const restBefore = unpairedBefore.filter((i) => refOf(before[i]) === undefined);
  for (let n = 0; n < Math.min(restBefore.length, unpairedAfter.length); n++) pairs.push([restBefore[n]!, unpairedAfter[n]!]);
  return pairs.sort((x, y) => x[0] - y[0]);
}

function resolveSchema(root: unknown, node: JsonSchema): JsonSchema | undefined {
  const outcome = followRefs(root, node);
  return outcome.ok ? (outcome.value as JsonSchema) : undefined;
}

function pairKey(direction: Direction, before: string, after: string): string {
  return `${direction} ${before} ${after}`;
}

function rebase(change: Change, prefix: string, operation: string): Change {
  return {
    ...change,
    path: prefix + change.path.slice(BASE.length),
    message: change.message.replace(BASE_IN_TEXT, (_whole, rest: string) => prefix + rest || '/'),
    operation,
  };
}

/** A schema node changed copy-on-write: the first change copies it, the original is never touched. */
class Draft {
  private copy: JsonSchema | undefined;
  private readonly copied = new Set<string>();
  constructor(private readonly original: JsonSchema) {}

  set(keyword: string, value: JsonSchema): void {
    this.own()[keyword] = value;
  }

  setIn(keyword: string, name: string, value: JsonSchema): void {
    const node = this.own();
    if (!this.copied.has(keyword)) {
      node[keyword] = { ...(node[keyword] as Record<string, unknown>) };
      this.copied.add(keyword);
    }
    (node[keyword] as Record<string, unknown>)[name] = value;
  }

  setAt(keyword: string, index: number, value: JsonSchema): void {
    const node = this.own();
    if (!this.copied.has(keyword)) {
      node[keyword] = [...(node[keyword] as unknown[])];
      this.copied.add(keyword);
    }
    (node[keyword] as unknown[])[index] = value;
  }

  result(): JsonSchema {
    return this.copy ?? this.original;
  }

  private own(): JsonSchema {
    this.copy ??= { ...this.original };
    return this.copy;
  }
}
