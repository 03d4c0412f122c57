import { isSchemaObject } from '../schema/normalize.js';
import type { JsonSchema } from '../schema/types.js';
import { joinPointer } from './pointer.js';
import { schemaRules } from './rules/index.js';
import { levelRank, type Change, type DiffContext, type DiffMode, type Direction } from './types.js';

export interface DiffOptions {
  direction?: Direction;
  mode?: DiffMode;
  operation?: string;
  /** JSON Pointer the paths of the changes start from. */
  basePath?: string;
}

/**
 * Every change between two schemas, judged from the consumer's side. Runs each rule on each pair of
 * nodes that both schemas have, walking properties and array items.
 */
export function diffSchemas(before: JsonSchema, after: JsonSchema, options: DiffOptions = {}): Change[] {
  const ctx: DiffContext = {
    direction: options.direction ?? 'response',
    mode: options.mode ?? 'schema',
    path: options.basePath ?? '',
  };
  if (options.operation !== undefined) ctx.operation = options.operation;
  const changes: Change[] = [];
  walk(before, after, ctx, changes);
  return sortChanges(changes);
}

function walk(before: JsonSchema, after: JsonSchema, ctx: DiffContext, out: Change[]): void {
  for (const rule of schemaRules) out.push(...rule.check(before, after, ctx));

  const beforeProps = before.properties ?? {};
  const afterProps = after.properties ?? {};
  for (const name of Object.keys(beforeProps)) {
    const b = beforeProps[name];
    const a = afterProps[name];
    if (isSchemaObject(b) && isSchemaObject(a)) {
      walk(b, a, { ...ctx, path: joinPointer(ctx.path, 'properties', name) }, out);
    }
  }
  if (isSchemaObject(before.items) && isSchemaObject(after.items)) {
    walk(before.items, after.items, { ...ctx, path: joinPointer(ctx.path, 'items') }, out);
  }
  if (isSchemaObject(before.additionalProperties) && isSchemaObject(after.additionalProperties)) {
    walk(before.additionalProperties, after.additionalProperties, {
      ...ctx,
      path: joinPointer(ctx.path, 'additionalProperties'),
    }, out);
  }
}

/** Most severe first, then by operation, path and id, so reports are stable. */
export function sortChanges(changes: Change[]): Change[] {
  return changes.sort(
    (x, y) =>
      levelRank(y.level) - levelRank(x.level) ||
      (x.operation ?? '').localeCompare(y.operation ?? '') ||
      x.path.localeCompare(y.path) ||
      x.id.localeCompare(y.id),
  );
}
