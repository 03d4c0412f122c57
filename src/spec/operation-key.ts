/**
 * The key two versions of an operation are matched by: method upper-cased, path parameter names
 * erased (`GET /v1/charges/{}`), trailing slash dropped. Renaming `{id}` to `{charge}` is the same
 * operation to a consumer.
 */
export function operationMatchKey(operation: string): string {
  const match = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(operation);
  if (!match) return operation.trim();
  const path = match[2]!.replace(/\{[^}]*\}/g, '{}');
  return `${match[1]!.toUpperCase()} ${path.length > 1 ? path.replace(/\/+$/, '') : path}`;
}
