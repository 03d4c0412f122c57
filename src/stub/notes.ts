import { splitPointer } from '../diff/pointer.js';
import type { Change, Direction } from '../diff/types.js';
import { JSON_TYPES } from '../schema/types.js';
import { commentText, fieldOf, showName } from './names.js';

/** A rename candidate from the diff: the property `from` of the baseline is sent as `to` now. */
export interface Rename {
  from: string;
  to: string;
  confidence: number | undefined;
  change: Change;
}

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FORMAT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/**
 * The changes of one drift event, indexed by the baseline JSON Pointer they concern, for the
 * comments of a stub. Every change a generator shows is marked placed; the rest are listed in the
 * stub's header, so no change is silently left out. Comments print ids, levels, field names and
 * type names, never a change's message or values (a message may quote a value that was observed).
 */
export class ChangeNotes {
  private readonly byPath = new Map<string, Change[]>();
  private readonly renames = new Map<string, Rename>();
  private readonly placed = new Set<Change>();
  readonly changes: readonly Change[];

  constructor(
    changes: readonly Change[],
    readonly direction: Direction,
  ) {
    this.changes = changes.filter((c) => c.id.startsWith(`${direction}-`));
    for (const change of this.changes) {
      const list = this.byPath.get(change.path) ?? [];
      list.push(change);
      this.byPath.set(change.path, list);
      const rename = asRename(change);
      if (rename) {
        const parent = parentOf(change.path);
        this.renames.set(`${parent}\u0000from\u0000${rename.from}`, rename);
        this.renames.set(`${parent}\u0000to\u0000${rename.to}`, rename);
      }
    }
  }

  /** The changes at a baseline pointer not shown yet, marked shown. */
  take(pointer: string): Change[] {
    const list = (this.byPath.get(pointer) ?? []).filter((change) => !this.placed.has(change));
    for (const change of list) this.placed.add(change);
    return list;
  }

  has(pointer: string, rule: string): boolean {
    return (this.byPath.get(pointer) ?? []).some((c) => c.id === `${this.direction}-${rule}`);
  }

  /** The rename of baseline property `name` under the baseline object at `parent`. */
  renameFrom(parent: string, name: string): Rename | undefined {
    return this.renames.get(`${parent}\u0000from\u0000${name}`);
  }

  /** The rename whose new (observed) name is `name` under the baseline object at `parent`. */
  renameTo(parent: string, name: string): Rename | undefined {
    return this.renames.get(`${parent}\u0000to\u0000${name}`);
  }

  unplaced(): Change[] {
    return this.changes.filter((c) => !this.placed.has(c));
  }

  rule(change: Change): string {
    return change.id.slice(this.direction.length + 1);
  }

  /** One comment line (without `//`) describing a change. */
  describe(change: Change): string {
    const id = RULE_ID.test(change.id) ? change.id : 'an unrecognised rule';
    const tag = `${id}${change.level ? `, ${change.level}` : ''}`;
    const tokens = splitPointer(change.path);
    const name = tokens.length >= 2 && tokens[tokens.length - 2] === 'properties' ? showName(tokens[tokens.length - 1]!) : fieldOf(change.path);
    const field = fieldOf(change.path);
    switch (RULE_ID.test(change.id) ? this.rule(change) : '') {
      case 'property-removed':
        return `REMOVED (${tag}): ${name} is no longer sent.`;
      case 'property-renamed': {
        const rename = asRename(change);
        if (!rename) break;
        const confidence = rename.confidence === undefined ? '' : `, confidence ${rename.confidence.toFixed(2)}`;
        return `RENAMED (${tag}${confidence}): ${showName(rename.from)} is now ${showName(rename.to)}.`;
      }
      case 'property-became-optional':
        return `OPTIONAL NOW (${tag}): ${name} may be absent.`;
      case 'property-became-required':
      case 'required-property-added':
        return `REQUIRED NOW (${tag}): ${name} must be present.`;
      case 'became-nullable':
        return `NULLABLE NOW (${tag}): ${field} may be null.`;
      case 'became-non-nullable':
        return `NOT NULL NOW (${tag}): ${field} may no longer be null.`;
      case 'type-changed':
      case 'type-widened':
      case 'type-narrowed':
        return `TYPE (${tag}): ${field} was ${typeNames(change.before)}, is now ${typeNames(change.after)}.`;
      case 'enum-value-added':
        return `NEW VALUES (${tag}): ${field} has values the baseline does not list.`;
      case 'enum-value-removed':
        return `VALUES REMOVED (${tag}): ${field} lost values the baseline lists.`;
      case 'format-changed':
        return `FORMAT (${tag}): ${field} was ${formatName(change.before)}, is now ${formatName(change.after)}.`;
      case 'property-added':
      case 'optional-property-added':
        return `NEW (${tag}): ${name}.`;
    }
    return `TODO(driftwatch): ${tag} at ${field} is not mapped automatically; review this field by hand.`;
  }
}

function asRename(change: Change): Rename | undefined {
  if (!change.id.endsWith('-property-renamed')) return undefined;
  const before = change.before as { name?: unknown } | null | undefined;
  const after = change.after as { name?: unknown } | null | undefined;
  if (typeof before?.name !== 'string' || typeof after?.name !== 'string') return undefined;
  const confidence = typeof change.confidence === 'number' && change.confidence >= 0 && change.confidence <= 1 ? change.confidence : undefined;
  return { from: before.name, to: after.name, confidence, change };
}

/** The pointer of the object a property pointer (`…/properties/<name>`) belongs to. */
export function parentOf(pointer: string): string {
  const tokens = splitPointer(pointer);
  if (tokens.length < 2 || tokens[tokens.length - 2] !== 'properties') return pointer;
  const cut = pointer.lastIndexOf('/', pointer.lastIndexOf('/') - 1);
  return pointer.slice(0, cut);
}

function typeNames(value: unknown): string {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const known = list.filter((t): t is string => typeof t === 'string' && (JSON_TYPES as readonly string[]).includes(t));
  return known.length > 0 ? known.join(' | ') : 'another type';
}

function formatName(value: unknown): string {
  const raw = typeof value === 'string' ? value : (value as { format?: unknown } | null | undefined)?.format;
  return typeof raw === 'string' && FORMAT_NAME.test(raw) ? commentText(raw) : value === undefined || value === null ? 'none' : 'another format';
}
