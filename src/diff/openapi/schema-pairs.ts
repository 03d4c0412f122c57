import { isSchemaObject } from '../../schema/normalize.js';
import type { JsonSchema } from '../../schema/types.js';
import { followRefs, refOf } from '../../spec/refs.js';
import { diffSchemas } from '../diff.js';
import { escapeToken } from '../pointer.js';
import type { Change, Direction } from '../types.js';

/** Where a schema sits in an operation: the side of the API, and the pointer its changes start from. */
export interface SchemaSite {
  direction: Direction;
  operation: string;
  basePath: string;
}

/** A pair of `$ref`s met at the same place in the two versions, `path` below the schema it was met in. */
interface RefEdge {
  path: string;
  before: string;
  after: string;
}

/** One pair of referenced schemas (`#/components/schemas/charge` then and now), compared once. */
interface PairNode {
  id: number;
  before: string;
  after: string;
  /** Changes between the two schemas themselves (paths start at BASE); undefined until compared. */
  changes: Change[] | undefined;
  /** The ref pairs directly below, as node ids with the path that leads to each. */
  children: { path: string; id: number }[];
}

interface Reached {
  id: number;
  path: string;
  hops: number;
}

/** Placeholder base pointer: a component's changes are computed once, then re-based under each place that reaches it. */
const BASE = '\uE000';
const BASE_IN_TEXT = /\uE000([^\s`'"]*)/g;

/** Keywords whose value is one subschema, a name → subschema map, or a list of subschemas, that both the walker and this file descend. */
const CHILD_KEYWORDS = ['items', 'additionalProperties', 'not'] as const;
const MAP_KEYWORDS = ['properties'] as const;
const LIST_KEYWORDS = ['anyOf', 'oneOf', 'allOf'] as const;

/**
 * Diffs schemas of two spec versions, following `$ref`s with cycles handled. Every pair of referenced
 * schemas is compared once per direction, however many operations reach it; each operation that
 * reaches it gets that pair's changes once, at the path with the fewest `$ref` hops. Identical pairs
 * are recognised without running the rules. This is the only place spec diffs call `diffSchemas`
 * (in `compare`): once the walker resolves `$ref`s itself, passing it `beforeRoot`/`afterRoot` there
 * and returning no edges hands the whole job to the walker, with no other change.
 */
export class SchemaPairDiffer {
  private readonly ids = new Map<string, number>();
  private readonly nodes: PairNode[] = [];
  private readonly closures = new Map<number, Reached[]>();
  /** Changed ref pairs reached since the last flush (node ids are per direction), where they were reached first in the fewest hops. */
  private readonly pending = new Map<number, { hops: number; prefix: string; operation: string }>();
  private seenEpoch: number[] = [];
  private epoch = 0;
  /** Schema pairs run through the rules so far (identical pairs are not), for tests and benchmarks. */
  comparisons = 0;

  constructor(
    private readonly beforeRoot: unknown,
    private readonly afterRoot: unknown,
  ) {}

  /**
   * The changes between two schemas of one place in an operation. Changes inside the schemas they
   * refer to are held back and come out of `flush`, once per operation and direction.
   */
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
    for (const root of roots) {
      for (const reached of this.closure(this.node(site.direction, root.before, root.after))) {
        // Fewest hops wins; among equals, the place met first (request before response, 200 before default).
        const known = this.pending.get(reached.id);
        if (!known || reached.hops < known.hops) {
          this.pending.set(reached.id, { hops: reached.hops, prefix: site.basePath + root.path + reached.path, operation: site.operation });
        }
      }
    }
    return out;
  }

  /**
   * The changes inside referenced schemas reached since the last flush: each changed pair once (the
   * same schema reached from an operation's 200 and its default response is one thing to fix), at
   * the place it is reached in the fewest hops. Call it after the last `diff` of each operation.
   */
  flush(): Change[] {
    const out: Change[] = [];
    for (const [id, { prefix, operation }] of this.pending) {
      for (const change of this.nodes[id]!.changes!) out.push(rebase(change, prefix, operation));
    }
    this.pending.clear();
    return out;
  }

  /** The node of a ref pair, compared (with every pair it reaches) on first use; iterative, so long chains of references cannot exhaust the stack. */
  private node(direction: Direction, before: string, after: string): number {
    const queue: number[] = [];
    const id = this.intern(direction, before, after, queue);
    while (queue.length > 0) {
      const node = this.nodes[queue.pop()!]!;
      const b = resolveSchema(this.beforeRoot, node.before);
      const a = resolveSchema(this.afterRoot, node.after);
      // A reference that cannot be followed (external, dangling, a cycle of bare refs) is compared by name only.
      const local = b && a ? this.compare(b, a, direction) : { changes: [], edges: [] };
      node.changes = local.changes;
      node.children = local.edges.map((edge) => ({ path: edge.path, id: this.intern(direction, edge.before, edge.after, queue) }));
    }
    return id;
  }

  private intern(direction: Direction, before: string, after: string, queue: number[]): number {
    const key = `${direction} ${before} ${after}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      this.ids.set(key, id);
      this.nodes.push({ id, before, after, changes: undefined, children: [] });
      queue.push(id);
    }
    return id;
  }

  /** Every ref pair reachable from one (itself included) whose own comparison found changes, at its fewest-hops path. */
  private closure(start: number): Reached[] {
    const cached = this.closures.get(start);
    if (cached) return cached;
    const epoch = ++this.epoch;
    const parent = new Map<number, { from: number; path: string }>();
    const found: { id: number; hops: number }[] = [];
    this.seenEpoch[start] = epoch;
    let frontier = [start];
    for (let hops = 1; frontier.length > 0; hops++) {
      const next: number[] = [];
      for (const id of frontier) {
        const node = this.nodes[id]!;
        if (node.changes!.length > 0) found.push({ id, hops });
        for (const child of node.children) {
          if (this.seenEpoch[child.id] === epoch) continue;
          this.seenEpoch[child.id] = epoch;
          parent.set(child.id, { from: id, path: child.path });
          next.push(child.id);
        }
      }
      frontier = next;
    }
    const reached = found.map(({ id, hops }) => {
      const parts: string[] = [];
      for (let at = id; at !== start; ) {
        const step = parent.get(at)!;
        parts.push(step.path);
        at = step.from;
      }
      return { id, hops, path: parts.reverse().join('') };
    });
    this.closures.set(start, reached);
    return reached;
  }

  private compare(before: JsonSchema, after: JsonSchema, direction: Direction): { changes: Change[]; edges: RefEdge[] } {
    const edges: RefEdge[] = [];
    if (sameSchema(before, after, [], edges)) return { changes: [], edges };
    edges.length = 0;
    this.comparisons++;
    const [b, a] = this.align(before, after, [], edges);
    return { changes: diffSchemas(b, a, { direction, mode: 'schema', basePath: BASE }), edges };
  }

  /**
   * The pair as the walker should see it: where both sides are `$ref`s the pair is left opaque and
   * recorded as an edge; where only one side is, that side is resolved in place (copy on write, the
   * documents are never changed), so an inline schema is compared with what the reference meant.
   */
  private align(before: JsonSchema, after: JsonSchema, tokens: string[], edges: RefEdge[]): [JsonSchema, JsonSchema] {
    const beforeRef = refOf(before);
    const afterRef = refOf(after);
    if (beforeRef !== undefined && afterRef !== undefined) {
      edges.push({ path: pointer(tokens), before: beforeRef, after: afterRef });
      return [before, after];
    }
    const b = beforeRef === undefined ? before : (resolveSchema(this.beforeRoot, beforeRef) ?? before);
    const a = afterRef === undefined ? after : (resolveSchema(this.afterRoot, afterRef) ?? after);
    if (refOf(b) !== undefined || refOf(a) !== undefined) return [b, a];

    let bOut: Draft | undefined;
    let aOut: Draft | undefined;
    const visit = (bChild: unknown, aChild: unknown, set: (draft: Draft, value: JsonSchema) => void, ...path: string[]) => {
      if (!isSchemaObject(bChild) || !isSchemaObject(aChild)) return;
      tokens.push(...path);
      const [cb, ca] = this.align(bChild, aChild, tokens, edges);
      tokens.length -= path.length;
      if (cb !== bChild) set((bOut ??= new Draft(b)), cb);
      if (ca !== aChild) set((aOut ??= new Draft(a)), ca);
    };
    for (const keyword of MAP_KEYWORDS) {
      const bMap = b[keyword];
      const aMap = a[keyword];
      if (!isSchemaObject(bMap) || !isSchemaObject(aMap)) continue;
      for (const name of Object.keys(bMap)) {
        if (Object.prototype.hasOwnProperty.call(aMap, name)) visit(bMap[name], aMap[name], (draft, value) => draft.setIn(keyword, name, value), keyword, name);
      }
    }
    for (const keyword of CHILD_KEYWORDS) visit(b[keyword], a[keyword], (draft, value) => draft.set(keyword, value), keyword);
    for (const keyword of LIST_KEYWORDS) {
      const bList = b[keyword];
      const aList = a[keyword];
      if (!Array.isArray(bList) || !Array.isArray(aList)) continue;
      for (const [i, j] of pairBranches(bList, aList)) {
        visit(bList[i], aList[j], (draft, value) => draft.setAt(keyword, draft === bOut ? i : j, value), keyword, String(i));
      }
    }
    return [bOut?.result() ?? b, aOut?.result() ?? a];
  }
}

/** Branches of `anyOf`/`oneOf`/`allOf` paired: the same `$ref` first, then the inline rest in order. */
export function pairBranches(before: readonly unknown[], after: readonly unknown[]): [number, number][] {
  const pairs: [number, number][] = [];
  const usedAfter = new Set<number>();
  const restBefore: number[] = [];
  before.forEach((branch, i) => {
    const ref = refOf(branch);
    if (ref === undefined) {
      restBefore.push(i);
      return;
    }
    const j = after.findIndex((other, k) => !usedAfter.has(k) && refOf(other) === ref);
    if (j >= 0) {
      pairs.push([i, j]);
      usedAfter.add(j);
    }
  });
  const restAfter = after.map((_, k) => k).filter((k) => !usedAfter.has(k) && refOf(after[k]) === undefined);
  for (let n = 0; n < Math.min(restBefore.length, restAfter.length); n++) pairs.push([restBefore[n]!, restAfter[n]!]);
  return pairs.sort((x, y) => x[0] - y[0]);
}

/**
 * Whether two schemas are the same JSON, collecting on the way the `$ref`s met where the walker
 * would descend (they name the same schemas only if those are unchanged too, so they are still edges).
 */
function sameSchema(before: JsonSchema, after: JsonSchema, tokens: string[], edges: RefEdge[]): boolean {
  const keys = Object.keys(before);
  if (keys.length !== Object.keys(after).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(after, key)) return false;
    const b = before[key];
    const a = after[key];
    if ((MAP_KEYWORDS as readonly string[]).includes(key) && isSchemaObject(b) && isSchemaObject(a)) {
      const names = Object.keys(b);
      if (names.length !== Object.keys(a).length) return false;
      for (const name of names) {
        const bChild = b[name];
        const aChild = a[name];
        if (!Object.prototype.hasOwnProperty.call(a, name)) return false;
        if (!isSchemaObject(bChild) || !isSchemaObject(aChild)) {
          if (!sameJson(bChild, aChild)) return false;
          continue;
        }
        tokens.push(key, name);
        const same = sameSchema(bChild, aChild, tokens, edges);
        tokens.length -= 2;
        if (!same) return false;
      }
    } else if ((CHILD_KEYWORDS as readonly string[]).includes(key) && isSchemaObject(b) && isSchemaObject(a)) {
      tokens.push(key);
      const same = sameSchema(b, a, tokens, edges);
      tokens.length -= 1;
      if (!same) return false;
    } else if ((LIST_KEYWORDS as readonly string[]).includes(key) && Array.isArray(b) && Array.isArray(a)) {
      if (b.length !== a.length) return false;
      for (let i = 0; i < b.length; i++) {
        if (!isSchemaObject(b[i]) || !isSchemaObject(a[i])) {
          if (!sameJson(b[i], a[i])) return false;
          continue;
        }
        tokens.push(key, String(i));
        const same = sameSchema(b[i] as JsonSchema, a[i] as JsonSchema, tokens, edges);
        tokens.length -= 2;
        if (!same) return false;
      }
    } else if (!sameJson(b, a)) {
      return false;
    }
  }
  const ref = refOf(before);
  if (ref !== undefined) edges.push({ path: pointer(tokens), before: ref, after: ref });
  return true;
}

function sameJson(b: unknown, a: unknown): boolean {
  if (b === a) return true;
  if (b === null || a === null || typeof b !== 'object' || typeof a !== 'object') return false;
  if (Array.isArray(b)) {
    if (!Array.isArray(a) || a.length !== b.length) return false;
    for (let i = 0; i < b.length; i++) if (!sameJson(b[i], a[i])) return false;
    return true;
  }
  if (Array.isArray(a)) return false;
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(a, key)) return false;
    if (!sameJson((b as Record<string, unknown>)[key], (a as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function pointer(tokens: readonly string[]): string {
  let out = '';
  for (const token of tokens) out += `/${escapeToken(token)}`;
  return out;
}

function resolveSchema(root: unknown, ref: string): JsonSchema | undefined {
  const outcome = followRefs(root, { $ref: ref });
  return outcome.ok ? (outcome.value as JsonSchema) : undefined;
}

/** A change computed under BASE, split once around it so that re-basing it is a join. */
const messageParts = new WeakMap<Change, string[]>();

function rebase(change: Change, prefix: string, operation: string): Change {
  let parts = messageParts.get(change);
  if (!parts) {
    parts = change.message.split(BASE);
    messageParts.set(change, parts);
  }
  const message = prefix === '' ? change.message.replace(BASE_IN_TEXT, (_whole, rest: string) => rest || '/') : parts.join(prefix);
  // Written out rather than spread: tens of thousands of these are made for a big spec diff.
  const rebased: Change = { id: change.id, level: change.level, path: prefix + change.path.slice(BASE.length), operation, message, before: change.before, after: change.after };
  if (change.confidence !== undefined) rebased.confidence = change.confidence;
  return rebased;
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
