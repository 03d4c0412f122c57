import { ruleById } from './registry.js';
import type { Change, DiffContext } from './types.js';

export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown placeholder is left as written so the gap shows. */
export function formatMessage(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** Builds a change for a registered rule id; its level and message come from the registry. */
export function makeChange(
  id: string,
  ctx: Pick<DiffContext, 'path' | 'operation'>,
  details: { path?: string; before: unknown; after: unknown; params?: MessageParams; confidence?: number },
): Change {
  const rule = ruleById(id);
  const path = details.path ?? ctx.path;
  const change: Change = {
    id,
    level: rule.level,
    path,
    message: formatMessage(rule.message, { path: path || '/', ...details.params }),
    before: details.before,
    after: details.after,
  };
  if (ctx.operation !== undefined) change.operation = ctx.operation;
  if (details.confidence !== undefined) change.confidence = details.confidence;
  return change;
}
