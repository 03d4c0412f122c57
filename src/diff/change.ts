import { ruleById } from './registry.js';
import type { Change, DiffContext, Finding } from './types.js';

export type MessageParams = Record<string, string | number>;

const compiled = new Map<string, string[]>();

/** Fills `{name}` placeholders; an unknown placeholder is left as written so the gap shows. */
export function formatMessage(template: string, params: MessageParams): string {
  let parts = compiled.get(template);
  // Odd indexes hold placeholder names: "a {x} b" → ["a ", "x", " b"].
  if (!parts) compiled.set(template, (parts = template.split(/\{(\w+)\}/)));
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    text += (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return text;
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
    message: formatMessage(rule.message, { path: path || '/', parent: ctx.path || '/', ...details.params }),
    before: details.before,
    after: details.after,
  };
  if (ctx.operation !== undefined) change.operation = ctx.operation;
  if (details.confidence !== undefined) change.confidence = details.confidence;
  return change;
}

interface CompiledRule {
  level: Change['level'];
  /** The message template split at its placeholders: odd indexes hold placeholder names. */
  parts: string[];
  usesParent: boolean;
}

const compiledRules = new Map<string, CompiledRule>();

function compiledRule(id: string): CompiledRule {
  let compiledRule = compiledRules.get(id);
  if (!compiledRule) {
    const rule = ruleById(id);
    const parts = rule.message.split(/\{(\w+)\}/);
    compiledRule = { level: rule.level, parts, usesParent: parts.some((part, i) => i % 2 === 1 && part === 'parent') };
    compiledRules.set(id, compiledRule);
  }
  return compiledRule;
}

/**
 * A finding placed in a report: its pointers prefixed with where its node was reached, its message
 * rendered with the full pointers (`{path}` the change, `{parent}` the node the rule ran on).
 * Reports of large specs hold tens of thousands of changes, so this avoids all it can.
 */
export function findingToChange(found: Finding, prefix: string, operation: string | undefined): Change {
  const rule = compiledRule(found.id);
  const path = prefix + found.path;
  const node = rule.usesParent ? prefix + found.node : '';
  const parts = rule.parts;
  let message = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    let value: string | number | undefined;
    if (name === 'path') value = path || '/';
    else if (name === 'parent') value = node || '/';
    else value = found.params?.[name];
    message += (value === undefined ? `{${name}}` : String(value)) + parts[i + 1]!;
  }
  const change: Change = { id: found.id, level: rule.level, path, message, before: found.before, after: found.after };
  if (operation !== undefined) change.operation = operation;
  if (found.confidence !== undefined) change.confidence = found.confidence;
  return change;
}
