/**
 * Deepest nesting of arrays and objects a probed document may have: the limit schema inference
 * has (DEFAULT_MAX_DEPTH), so every later step (inference, canonical form, diff, jsonb) can walk
 * it recursively. Real API responses and specs stay far below it.
 */
export const MAX_DOCUMENT_DEPTH = 256;

/** Whether a parsed JSON value nests arrays and objects deeper than `limit`; walks without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
