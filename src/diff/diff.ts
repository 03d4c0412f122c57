import type { JsonSchema } from '../schema/types.js';
import { findingToChange } from './change.js';
import { Fingerprints } from './fingerprint.js';
import { childSites, isPlainVersusAlternatives } from './children.js';
import { joinPointer } from './pointer.js';
import { DiffLens, DocumentLens } from './resolve.js';
import type { SchemaRule } from './rule.js';
import { alternativesRule } from './rules/alternatives.js';
import { nodeRules, siteRules } from './rules/index.js';
import { typeChanged } from './rules/type-changed.js';
import { levelRank, type Change, type DiffContext, type DiffMode, type Direction, type Finding } from './types.js';

export interface DiffOptions {
  direction?: Direction;
  mode?: DiffMode;
  operation?: string;
  /** JSON Pointer the paths of the changes start from. */
  basePath?: string;
  /**
   * The documents `$ref`s in `before` and `after` resolve against (`#/components/schemas/…`);
   * default: `before` and `after` themselves. When given, the work is kept per pair of root
   * documents and reused by later calls with the same roots (every operation of two specs), so
   * treat them as immutable once diffed.
   */
  beforeRoot?: unknown;
  afterRoot?: unknown;
}

/**
 * Every change between two schemas, judged from the consumer's side.
 *
 * The walker compares the structural cores of two nodes (`$ref`s followed, wrappers and `allOf`
 * merged, see `resolve.ts`) with the node rules, and what each position says about its value
 * (nullable, deprecated, …) with the site rules, then descends into properties, items, map values
 * and matched alternatives. A pair of cores is compared once however often it is referenced (its
 * changes are kept relative to it), and its changes are reported once per call, under the
 * shortest path the walk reaches it by; reference cycles end where a pair repeats.
 */
export function diffSchemas(before: JsonSchema, after: JsonSchema, options: DiffOptions = {}): Change[] {
  const direction = options.direction ?? 'response';
  const mode = options.mode ?? 'schema';
  const shared = options.beforeRoot !== undefined || options.afterRoot !== undefined;
  const engine = engineFor(options.beforeRoot ?? before, options.afterRoot ?? after, shared);
  const table = engine.table(direction, mode);
  return sortChanges(table.report(before, after, options.basePath ?? '', options.operation));
}

/** Most severe first, then by operation, path, id and message (code-unit order, the same in every locale), so reports are stable. */
export function sortChanges(changes: Change[]): Change[] {
  return changes.sort(
    (x, y) =>
      levelRank(y.level) - levelRank(x.level) ||
      compareText(x.operation ?? '', y.operation ?? '') ||
      compareText(x.path, y.path) ||
      compareText(x.id, y.id) ||
      compareText(x.message, y.message),
  );
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

interface Site {
  /** Pointer of the site relative to the unit. */
  path: string;
  findings: Finding[];
  child: Unit | undefined;
}

/** One pair of cores compared: what the node rules found, and the positions below it. */
interface Unit {
  before: JsonSchema;
  after: JsonSchema;
  findings?: Finding[];
  sites?: Site[];
  /** Whether this unit or anything reachable from it has a finding; set once its component is settled. */
  dirty?: boolean;
  /** The sites with a finding or a dirty child: all a report needs to visit. */
  live?: Site[];
}

class Engine {
  readonly lens: DiffLens;
  readonly fingerprints: Fingerprints;
  private readonly tables = new Map<string, UnitTable>();

  constructor(beforeRoot: unknown, afterRoot: unknown) {
    this.lens = new DiffLens(new DocumentLens(beforeRoot), new DocumentLens(afterRoot));
    this.fingerprints = new Fingerprints(beforeRoot, afterRoot);
  }

  table(direction: Direction, mode: DiffMode): UnitTable {
    const key = `${direction}:${mode}`;
    let table = this.tables.get(key);
    if (!table) this.tables.set(key, (table = new UnitTable(this.lens, this.fingerprints, direction, mode)));
    return table;
  }
}

const engines = new WeakMap<object, WeakMap<object, Engine>>();

function engineFor(beforeRoot: unknown, afterRoot: unknown, shared: boolean): Engine {
  const cacheable = shared && typeof beforeRoot === 'object' && beforeRoot !== null && typeof afterRoot === 'object' && afterRoot !== null;
  if (!cacheable) return new Engine(beforeRoot, afterRoot);
  let byAfter = engines.get(beforeRoot);
  if (!byAfter) engines.set(beforeRoot, (byAfter = new WeakMap()));
  let engine = byAfter.get(afterRoot);
  if (!engine) byAfter.set(afterRoot, (engine = new Engine(beforeRoot, afterRoot)));
  return engine;
}

/** The one dirty child of a settled unit that has no finding of its own, if that is all it has. */
function passThrough(unit: Unit): { site: Site; child: Unit } | undefined {
  if (!unit.dirty || unit.findings!.length > 0 || unit.live!.length !== 1) return undefined;
  const site = unit.live![0]!;
  return site.findings.length === 0 && site.child ? { site, child: site.child } : undefined;
}

const ALTERNATIVES_ONLY: readonly SchemaRule[] = [typeChanged, alternativesRule];

class UnitTable {
  private readonly units = new Map<JsonSchema, Map<JsonSchema, Unit>>();
  private readonly closures = new Map<Unit, readonly { found: Finding; prefix: string }[]>();

  constructor(
    private readonly lens: DiffLens,
    private readonly fingerprints: Fingerprints,
    private readonly direction: Direction,
    private readonly mode: DiffMode,
  ) {}

  /** The changes of one diff, each placed under the pointer its node was first reached by. */
  report(rawBefore: JsonSchema, rawAfter: JsonSchema, base: string, operation: string | undefined): Change[] {
    const out: Change[] = [];
    const rootCtx = this.context('');
    for (const rule of siteRules) {
      for (const found of rule.check(this.lens.site(rawBefore, 'before'), this.lens.site(rawAfter, 'after'), rootCtx)) out.push(findingToChange(found, base, operation));
    }
    let root = this.unit(this.lens.core(rawBefore, 'before'), this.lens.core(rawAfter, 'after'));
    let prefix = base;
    this.settle(root);
    // Settled units are never dirty without a finding somewhere below, so the skipping ends.
    // A unit with nothing of its own and one way down (a list envelope around `data.items`) reports
    // exactly what that way down reports: skip to it, and share its closure with every other envelope.
    const passed = new Set<Unit>([root]);
    for (let next = passThrough(root); next && !passed.has(next.child); next = passThrough(root)) {
      prefix += next.site.path;
      root = next.child;
      passed.add(root);
    }
    for (const entry of this.closure(root)) out.push(findingToChange(entry.found, prefix + entry.prefix, operation));
    return out;
  }

  /**
   * Every finding reachable from a unit, each under the shortest path (breadth first, document order
   * breaking ties) that reaches its unit. Kept per unit: operations that return the same schema share it.
   */
  private closure(root: Unit): readonly { found: Finding; prefix: string }[] {
    const cached = this.closures.get(root);
    if (cached) return cached;
    this.settle(root);
    const out: { found: Finding; prefix: string }[] = [];
    if (root.dirty) {
      const queue: { unit: Unit; prefix: string }[] = [{ unit: root, prefix: '' }];
      const visited = new Set<Unit>([root]);
      for (let head = 0; head < queue.length; head++) {
        const { unit, prefix } = queue[head]!;
        for (const found of unit.findings!) out.push({ found, prefix });
        for (const site of unit.live!) {
          for (const found of site.findings) out.push({ found, prefix });
          const child = site.child;
          if (child && child.dirty && !visited.has(child)) {
            visited.add(child);
            queue.push({ unit: child, prefix: prefix + site.path });
          }
        }
      }
    }
    this.closures.set(root, out);
    return out;
  }

  private context(path: string): DiffContext {
    return { direction: this.direction, mode: this.mode, path, lens: this.lens };
  }

  private unit(before: JsonSchema, after: JsonSchema): Unit {
    let byAfter = this.units.get(before);
    if (!byAfter) this.units.set(before, (byAfter = new Map()));
    let unit = byAfter.get(after);
    if (!unit) {
      unit = this.fingerprints.same(before, after) ? { before, after, findings: [], sites: [], dirty: false, live: [] } : { before, after };
      byAfter.set(after, unit);
    }
    return unit;
  }

  /** Runs the rules on a unit and lists the positions below it (once per unit). */
  private expand(unit: Unit): { findings: Finding[]; sites: Site[] } {
    if (unit.findings && unit.sites) return { findings: unit.findings, sites: unit.sites };
    const ctx = this.context('');
    const rules = isPlainVersusAlternatives(unit.before, unit.after) ? ALTERNATIVES_ONLY : nodeRules;
    const findings = rules.flatMap((rule) => rule.check(unit.before, unit.after, ctx));
    const sites: Site[] = [];
    for (const child of childSites(unit.before, unit.after, ctx)) {
      const path = joinPointer('', ...child.at);
      const siteCtx = this.context(path);
      const siteFindings = child.siteRules
        ? siteRules.flatMap((rule) => rule.check(this.lens.site(child.before, 'before'), this.lens.site(child.after, 'after'), siteCtx))
        : [];
      const next = child.descend ? this.unit(this.lens.core(child.before, 'before'), this.lens.core(child.after, 'after')) : undefined;
      sites.push({ path, findings: siteFindings, child: next });
    }
    unit.findings = findings;
    unit.sites = sites;
    return { findings, sites };
  }

  private successors(unit: Unit): Unit[] {
    return this.expand(unit).sites.flatMap((site) => (site.child ? [site.child] : []));
  }

  /**
   * Marks every unit reachable from `root` dirty or clean, one strongly connected component at a
   * time (Tarjan's algorithm, iterative: reference chains through a large spec run deep), so later
   * reports skip clean subgraphs without walking them.
   */
  private settle(root: Unit): void {
    if (root.dirty !== undefined) return;
    const index = new Map<Unit, number>();
    const low = new Map<Unit, number>();
    const stack: Unit[] = [];
    const onStack = new Set<Unit>();
    const frames: { unit: Unit; next: Unit[]; at: number }[] = [];
    let counter = 0;
    const open = (unit: Unit) => {
      index.set(unit, counter);
      low.set(unit, counter);
      counter++;
      stack.push(unit);
      onStack.add(unit);
      frames.push({ unit, next: this.successors(unit), at: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.at < frame.next.length) {
        const child = frame.next[frame.at++]!;
        if (child.dirty !== undefined) continue;
        if (!index.has(child)) open(child);
        else if (onStack.has(child)) low.set(frame.unit, Math.min(low.get(frame.unit)!, index.get(child)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.unit, Math.min(low.get(parent.unit)!, low.get(frame.unit)!));
      if (low.get(frame.unit) !== index.get(frame.unit)) continue;
      const members: Unit[] = [];
      let member: Unit;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== frame.unit);
      const dirty = members.some(
        (u) => u.findings!.length > 0 || u.sites!.some((site) => site.findings.length > 0 || site.child?.dirty === true),
      );
      for (const u of members) u.dirty = dirty;
      for (const u of members) u.live = dirty ? u.sites!.filter((site) => site.findings.length > 0 || site.child?.dirty === true) : [];
    }
  }
}
