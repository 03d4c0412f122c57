import { resolvePointer } from '../diff/resolve.js';

/** Whether a `$ref` points into the same document (`#…`); anything else is external. */
export function isInternalRef(ref: string): boolean {
  return ref.startsWith('#');
}

export function refOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = (value as { $ref?: unknown }).$ref;
  return typeof ref === 'string' ? ref : undefined;
}

/** The value an internal `$ref` points at (one implementation, shared with the schema walker). */
export { resolvePointer };

export type RefOutcome<T> = { ok: true; value: T; ref: string | undefined } | { ok: false; problem: string };

/**
 * Follows a chain of `$ref`s from `value` to the object it ends at. A cycle, a dangling pointer and
 * an external reference (not followed) end in a problem naming the reference.
 */
export function followRefs(root: unknown, value: unknown): RefOutcome<Record<string, unknown>> {
  let node = value;
  let first: string | undefined;
  const seen = new Set<string>();
  for (let ref = refOf(node); ref !== undefined; ref = refOf(node)) {
    first ??= ref;
    if (!isInternalRef(ref)) return { ok: false, problem: `external $ref "${ref}" is not followed (external references are off)` };
    if (seen.has(ref)) return { ok: false, problem: `$ref "${ref}" refers to itself through a cycle` };
    seen.add(ref);
    node = resolvePointer(root, ref);
    if (node === undefined) return { ok: false, problem: `$ref "${ref}" points at nothing in the document` };
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return { ok: false, problem: `expected an object${first ? ` at $ref "${first}"` : ''}` };
  return { ok: true, value: node as Record<string, unknown>, ref: first };
}
