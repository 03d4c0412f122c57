import { isSchemaObject } from '../schema/normalize.js';
import type { JsonSchema, JsonType } from '../schema/types.js';
import { unescapeToken } from './pointer.js';

/**
 * Keywords a schema node may carry without changing which values it describes structurally: they
 * say whether null is allowed, how a value may be used, or document it. A node made only of these
 * around one `$ref` or one composition branch is a wrapper, and the walker looks through it.
 */
const MODIFIER_KEYWORDS = new Set(['nullable', 'x-nullable', 'deprecated', 'readOnly', 'writeOnly', 'default']);
const ANNOTATION_KEYWORDS = new Set(['description', 'title', 'example', 'examples', '$comment', '$id', '$schema', '$anchor', 'externalDocs', 'xml']);

function isTransparentKey(key: string): boolean {
  return MODIFIER_KEYWORDS.has(key) || ANNOTATION_KEYWORDS.has(key) || key.startsWith('x-');
}

/** What wrappers around a core add to it. */
interface Modifiers {
  nullable?: true;
  deprecated?: true;
  readOnly?: true;
  writeOnly?: true;
  default?: { value: unknown };
}

interface Unwrapped {
  core: JsonSchema;
  mods: Modifiers;
}

/** The value an internal `$ref` (`#/a/b~1c`) points at in `root`, or undefined when nothing is there. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (fragment === '') return root;
  if (!fragment.startsWith('/')) return undefined;
  let node: unknown = root;
  for (const token of fragment.slice(1).split('/').map(unescapeToken)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(node, token)) return undefined;
      node = (node as Record<string, unknown>)[token];
    }
  }
  return node;
}

/** A schema that admits only null: `{type: 'null'}`, `{enum: [null]}`, `{const: null}`. */
export function isNullOnly(schema: JsonSchema): boolean {
  if (schema.type === 'null') return true;
  if (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null') return true;
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every((v) => v === null)) return true;
  return Object.prototype.hasOwnProperty.call(schema, 'const') && schema.const === null;
}

function compositionOf(node: JsonSchema): 'anyOf' | 'oneOf' | 'allOf' | undefined {
  const present = (['anyOf', 'oneOf', 'allOf'] as const).filter((k) => Array.isArray(node[k]));
  return present.length === 1 ? present[0] : undefined;
}

function collectModifiers(node: JsonSchema, into: Modifiers): void {
  if (node.nullable === true || node['x-nullable'] === true) into.nullable = true;
  if (node.deprecated === true) into.deprecated = true;
  if (node.readOnly === true) into.readOnly = true;
  if (node.writeOnly === true) into.writeOnly = true;
  if (into.default === undefined && Object.prototype.hasOwnProperty.call(node, 'default')) into.default = { value: node.default };
}

function hasModifiers(mods: Modifiers): boolean {
  return Object.keys(mods).length > 0;
}

/**
 * One root document seen the way rules want it: every node's `$ref`s followed (siblings kept as
 * modifiers), one-branch `anyOf`/`oneOf`/`allOf` wrappers looked through, `allOf` merged, and null
 * branches folded into `nullable`. Results are cached per node object, so the same component is the
 * same object wherever it is referenced: the walker memoises on that identity.
 */
export class DocumentLens {
  // Plain Maps, not WeakMaps: a lens lives as long as the documents it reads, and WeakMaps with
  // tens of thousands of keys cost the garbage collector dearly.
  private readonly unwrapped = new Map<object, Unwrapped>();
  private readonly sites = new Map<object, JsonSchema>();
  private readonly refs = new Map<object, string>();
  private readonly targets = new Map<string, unknown>();
  private readonly inProgress = new Set<object>();

  constructor(readonly root: unknown) {}

  /** The structural core a raw node stands for. */
  core(node: JsonSchema): JsonSchema {
    return this.unwrap(node).core;
  }

  /** The first `$ref` a core was reached by (`#/components/schemas/charge`), if any: its name across versions. */
  refOf(core: JsonSchema): string | undefined {
    return this.refs.get(core);
  }

  /** What a `$ref` points at in this document (cached: a spec repeats each reference many times). */
  resolve(ref: string): unknown {
    if (this.targets.has(ref)) return this.targets.get(ref);
    const target = resolvePointer(this.root, ref);
    this.targets.set(ref, target);
    return target;
  }

  /** The core with the modifiers of the wrappers around it (nullable, deprecated, readOnly, …) applied. */
  site(node: JsonSchema): JsonSchema {
    const cached = this.sites.get(node);
    if (cached) return cached;
    const { core, mods } = this.unwrap(node);
    let site = core;
    if (hasModifiers(mods)) {
      site = { ...core };
      if (mods.nullable) site.nullable = true;
      if (mods.deprecated) site.deprecated = true;
      if (mods.readOnly) site.readOnly = true;
      if (mods.writeOnly) site.writeOnly = true;
      if (mods.default) site.default = mods.default.value;
    }
    this.sites.set(node, site);
    return site;
  }

  private unwrap(node: JsonSchema): Unwrapped {
    const cached = this.unwrapped.get(node);
    if (cached) return cached;
    if (this.inProgress.has(node)) return { core: node, mods: {} };
    this.inProgress.add(node);
    try {
      const result = this.computeUnwrap(node);
      this.unwrapped.set(node, result);
      // A core is its own core: rules and the walker may hand one back to the lens.
      if (!this.unwrapped.has(result.core)) this.unwrapped.set(result.core, { core: result.core, mods: {} });
      return result;
    } finally {
      this.inProgress.delete(node);
    }
  }

  private computeUnwrap(node: JsonSchema): Unwrapped {
    const keys = Object.keys(node);
    if (typeof node.$ref === 'string') {
      const target = this.resolve(node.$ref);
      // An external, dangling or self-referencing `$ref` stays opaque: compared by its text only.
      if (!isSchemaObject(target) || this.inProgress.has(target)) return { core: node, mods: {} };
      const structural = keys.filter((k) => k !== '$ref' && !isTransparentKey(k));
      if (structural.length > 0) {
        // JSON Schema 2020-12: a `$ref` with sibling keywords is both at once.
        const siblings: JsonSchema = {};
        for (const k of keys) if (k !== '$ref') siblings[k] = node[k];
        return { core: this.mergeAllOf({ allOf: [target, siblings] }, false), mods: {} };
      }
      const inner = this.unwrap(target);
      if (!this.refs.has(inner.core)) this.refs.set(inner.core, node.$ref);
      return this.around(node, inner);
    }
    const composition = compositionOf(node);
    if (composition !== undefined) {
      const branches = (node[composition] as unknown[]).filter(isSchemaObject);
      const valueBranches = branches.filter((b) => !isNullOnly(this.core(b)));
      const hasNullBranch = valueBranches.length < branches.length;
      const onlyWrapper = keys.every((k) => k === composition || isTransparentKey(k));
      if (onlyWrapper && valueBranches.length === 1) {
        const inner = this.unwrap(valueBranches[0]!);
        const outer = this.around(node, inner);
        return hasNullBranch ? { core: outer.core, mods: { ...outer.mods, nullable: true } } : outer;
      }
      if (composition === 'allOf') return { core: this.mergeAllOf(node, true), mods: {} };
      if (hasNullBranch) return { core: { ...node, [composition]: valueBranches, nullable: true }, mods: {} };
    }
    return { core: node, mods: {} };
  }

  /** The inner node with the wrapper's modifiers added on the outside (the outer `default` wins). */
  private around(wrapper: JsonSchema, inner: Unwrapped): Unwrapped {
    const mods: Modifiers = {};
    collectModifiers(wrapper, mods);
    if (!hasModifiers(mods)) return inner;
    const merged: Modifiers = { ...inner.mods, ...mods };
    if (mods.default === undefined && inner.mods.default !== undefined) merged.default = inner.mods.default;
    return { core: inner.core, mods: merged };
  }

  /**
   * `allOf` folded into one node: properties united (a property several branches define becomes an
   * `allOf` of its definitions), `required` united, types intersected, other keywords taken from the
   * node itself first, then from the first branch that has them. The raw branches stay in `allOf`
   * for the rule that compares them; the walker never descends into them.
   */
  private mergeAllOf(node: JsonSchema, keepBranches: boolean): JsonSchema {
    const branches = ((node.allOf ?? []) as unknown[]).filter(isSchemaObject);
    const merged: JsonSchema = {};
    for (const [k, v] of Object.entries(node)) if (k !== 'allOf') merged[k] = v;
    const properties: Record<string, JsonSchema> = { ...(isSchemaObject(node.properties) ? node.properties : {}) };
    const required = new Set<string>(Array.isArray(node.required) ? node.required : []);
    let types = declaredTypes(node);
    let everyBranchNullable = branches.length > 0;
    for (const branch of branches) {
      const core = this.site(branch);
      if (!admitsNullDeclared(core)) everyBranchNullable = false;
      for (const [name, schema] of Object.entries(isSchemaObject(core.properties) ? core.properties : {})) {
        const existing = properties[name];
        properties[name] = existing === undefined || existing === schema ? schema : { allOf: [existing, schema] };
      }
      for (const name of Array.isArray(core.required) ? core.required : []) required.add(name);
      const branchTypes = declaredTypes(core);
      if (branchTypes) types = types ? intersectTypes(types, branchTypes) : branchTypes;
      for (const [k, v] of Object.entries(core)) {
        if (k === 'properties' || k === 'required' || k === 'type' || k === 'allOf' || k === 'nullable' || k === 'x-nullable') continue;
        if (isTransparentKey(k) && k !== 'default') continue;
        if (!Object.prototype.hasOwnProperty.call(merged, k)) merged[k] = v;
      }
    }
    if (Object.keys(properties).length > 0) merged.properties = properties;
    if (required.size > 0) merged.required = [...required];
    if (types) {
      const list = [...types];
      merged.type = list.length === 1 ? list[0]! : list;
      if (everyBranchNullable && !list.includes('null')) merged.type = [...list, 'null'];
    }
    if (keepBranches) merged.allOf = branches;
    return merged;
  }
}

function declaredTypes(schema: JsonSchema): Set<JsonType> | undefined {
  if (Array.isArray(schema.type)) return new Set(schema.type);
  if (typeof schema.type === 'string') return new Set([schema.type]);
  return undefined;
}

function admitsNullDeclared(schema: JsonSchema): boolean {
  return schema.nullable === true || schema['x-nullable'] === true || (declaredTypes(schema)?.has('null') ?? false);
}

function intersectTypes(a: ReadonlySet<JsonType>, b: ReadonlySet<JsonType>): Set<JsonType> {
  const out = new Set<JsonType>();
  for (const t of a) {
    if (b.has(t)) out.add(t);
    else if (t === 'number' && b.has('integer')) out.add('integer');
    else if (t === 'integer' && b.has('number')) out.add('integer');
  }
  return out;
}

/** Both documents of a diff, each with its own lens. */
export class DiffLens {
  constructor(
    readonly before: DocumentLens,
    readonly after: DocumentLens,
  ) {}

  of(side: 'before' | 'after'): DocumentLens {
    return side === 'before' ? this.before : this.after;
  }

  site(node: JsonSchema, side: 'before' | 'after'): JsonSchema {
    return this.of(side).site(node);
  }

  core(node: JsonSchema, side: 'before' | 'after'): JsonSchema {
    return this.of(side).core(node);
  }

  refOf(core: JsonSchema, side: 'before' | 'after'): string | undefined {
    return this.of(side).refOf(core);
  }
}
