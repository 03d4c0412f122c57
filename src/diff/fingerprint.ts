import { resolvePointer } from './resolve.js';

/**
 * Keywords no rule reads: documentation and vendor extensions (`x-nullable` aside). Leaving them out
 * lets a pair whose descriptions changed count as the same.
 */
const IGNORED = new Set(['description', 'example', 'examples', '$comment', 'externalDocs']);

function ignored(key: string): boolean {
  return IGNORED.has(key) || (key.startsWith('x-') && key !== 'x-nullable');
}

const NO_REFS: readonly string[] = [];

/**
 * Tells, without running the rules, that a node of the before document and one of the after
 * document are the same: equal JSON (documentation aside), and every `$ref` inside leads to equal
 * JSON in both documents, all the way down. Such a pair cannot differ, so the walker skips it; in
 * two versions of a large spec most pairs are such.
 */
export class Fingerprints {
  /** Per pair of objects: the `$ref`s inside when they are equal, null when they are not. */
  private readonly pairs = new Map<object, Map<object, readonly string[] | null>>();
  /** Per `$ref`: whether it leads to equal JSON in both documents, transitively. */
  private readonly refs = new Map<string, boolean>();

  constructor(
    private readonly beforeRoot: unknown,
    private readonly afterRoot: unknown,
  ) {}

  same(before: object, after: object): boolean {
    if (before === after && this.beforeRoot === this.afterRoot) return true;
    const refs = this.remembered(before, after);
    return refs !== null && refs.every((ref) => this.cleanRef(ref));
  }

  /** `equal`, remembered for the pairs asked about more than once (units, `$ref` targets). */
  private remembered(before: unknown, after: unknown): readonly string[] | null {
    if (before === null || after === null || typeof before !== 'object' || typeof after !== 'object') {
      return before === after ? NO_REFS : null;
    }
    let byAfter = this.pairs.get(before);
    if (!byAfter) this.pairs.set(before, (byAfter = new Map()));
    const cached = byAfter.get(after);
    if (cached !== undefined) return cached;
    const result = this.compare(before, after);
    byAfter.set(after, result);
    return result;
  }

  /** The `$ref` strings inside two equal values, or null when they differ (iterative: schemas nest deep). */
  private compare(before: object, after: object): readonly string[] | null {
    let refs: Set<string> | undefined;
    const stack: [unknown, unknown][] = [[before, after]];
    while (stack.length > 0) {
      const [b, a] = stack.pop()!;
      if (b === a && b !== null && typeof b !== 'object') continue;
      if (b === null || a === null || typeof b !== 'object' || typeof a !== 'object') {
        if (b !== a) return null;
        continue;
      }
      if (Array.isArray(b) || Array.isArray(a)) {
        if (!Array.isArray(b) || !Array.isArray(a) || b.length !== a.length) return null;
        for (let i = 0; i < b.length; i++) stack.push([b[i], a[i]]);
        continue;
      }
      const bo = b as Record<string, unknown>;
      const ao = a as Record<string, unknown>;
      let count = 0;
      for (const key in bo) {
        if (ignored(key)) continue;
        count++;
        if (!Object.prototype.hasOwnProperty.call(ao, key)) return null;
        if (key === '$ref') {
          if (bo[key] !== ao[key]) return null;
          if (typeof bo[key] === 'string') (refs ??= new Set()).add(bo[key] as string);
          continue;
        }
        stack.push([bo[key], ao[key]]);
      }
      for (const key in ao) if (!ignored(key)) count--;
      if (count !== 0) return null;
    }
    return refs ? [...refs] : NO_REFS;
  }

  /**
   * Whether a `$ref` leads to equal JSON in both documents and so do all references reachable from
   * it. Explores the references reachable from `ref` that are not settled yet, then marks dirty
   * every one that reaches a reference whose targets differ; the rest are clean.
   */
  private cleanRef(ref: string): boolean {
    const settled = this.refs.get(ref);
    if (settled !== undefined) return settled;
    const edges = new Map<string, readonly string[]>();
    const seeds: string[] = [];
    const queue = [ref];
    edges.set(ref, NO_REFS);
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      const b = resolvePointer(this.beforeRoot, current);
      const a = resolvePointer(this.afterRoot, current);
      const inner = b === undefined && a === undefined ? NO_REFS : this.remembered(b, a);
      if (inner === null || (b === undefined) !== (a === undefined)) {
        seeds.push(current);
        continue;
      }
      edges.set(current, inner);
      for (const next of inner) {
        const known = this.refs.get(next);
        if (known === false) seeds.push(current);
        if (known !== undefined || edges.has(next)) continue;
        edges.set(next, NO_REFS);
        queue.push(next);
      }
    }
    const reverse = new Map<string, string[]>();
    for (const [from, targets] of edges) {
      for (const to of targets) {
        let list = reverse.get(to);
        if (!list) reverse.set(to, (list = []));
        list.push(from);
      }
    }
    const dirty = new Set(seeds);
    for (const start of seeds) {
      const stack = [start];
      while (stack.length > 0) {
        for (const from of reverse.get(stack.pop()!) ?? []) {
          if (dirty.has(from)) continue;
          dirty.add(from);
          stack.push(from);
        }
      }
    }
    for (const explored of edges.keys()) this.refs.set(explored, !dirty.has(explored));
    return this.refs.get(ref)!;
  }
}
