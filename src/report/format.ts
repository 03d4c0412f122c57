import type { Change, Level } from '../diff/types.js';

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** A value as one short line: compact JSON, `(absent)` for undefined, cut at `max` characters. */
export function showValue(value: unknown, max = 80): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function summaryLine(summary: Record<Level, number>): string {
  return `${summary.breaking} breaking, ${summary.warning} warning, ${summary.info} info`;
}

/** A change as the JSON object scripts rely on (DESIGN.md: never rename these fields). */
export function changeJson(change: Change): Record<string, unknown> {
  const out: Record<string, unknown> = { id: change.id, level: change.level, path: change.path };
  if (change.operation !== undefined) out.operation = change.operation;
  out.message = change.message;
  out.before = change.before ?? null;
  out.after = change.after ?? null;
  if (change.confidence !== undefined) out.confidence = change.confidence;
  return out;
}

export function changeTextLines(change: Change, indent = '  '): string[] {
  const where = change.operation ? `${change.operation} ${change.path || '/'}` : change.path || '/';
  return [
    `${indent}${change.level.toUpperCase().padEnd(8)} ${change.id}  ${where}`,
    `${indent}         ${change.message}`,
    `${indent}         ${showValue(change.before)} → ${showValue(change.after)}`,
  ];
}

function mdEscape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function changesMarkdownTable(changes: readonly Change[]): string[] {
  if (changes.length === 0) return ['No changes.'];
  const withOperation = changes.some((c) => c.operation !== undefined);
  const header = withOperation
    ? ['| level | rule | operation | path | change | before | after |', '| --- | --- | --- | --- | --- | --- | --- |']
    : ['| level | rule | path | change | before | after |', '| --- | --- | --- | --- | --- | --- |'];
  const rows = changes.map((c) => {
    const cells = [c.level, `\`${c.id}\``];
    if (withOperation) cells.push(c.operation ?? '');
    cells.push(`\`${c.path || '/'}\``, c.message, `\`${showValue(c.before, 60)}\``, `\`${showValue(c.after, 60)}\``);
    return `| ${cells.map(mdEscape).join(' | ')} |`;
  });
  return [...header, ...rows];
}
