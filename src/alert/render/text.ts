import type { AlertMessage } from '../message.js';
import { changeLocation, outline, stubNote } from './outline.js';

/** Plain text: the email's text part and the stdout channel. */
export function renderText(message: AlertMessage, options: { stub: 'attachment' | 'not-shown'; maxChanges?: number }): string {
  const o = outline(message, options.maxChanges ?? 50);
  const width = Math.max(...o.facts.map((f) => f.label.length + 1)) + 2;
  const lines: string[] = [o.title, ''];
  for (const fact of o.facts) lines.push(`${`${fact.label}:`.padEnd(width)}${fact.value}`);
  lines.push('');
  for (const p of o.paragraphs) lines.push(p, '');
  if (o.changes.length > 0) {
    lines.push('Most important changes:', '');
    for (const c of o.changes) {
      lines.push(`  ${c.level.toUpperCase().padEnd(9)} ${c.id}`);
      for (const detail of [changeLocation(c), c.message, `${c.before} → ${c.after}`]) lines.push(`  ${' '.repeat(9)} ${detail}`);
      lines.push('');
    }
    if (o.moreChanges > 0) lines.push(`  …and ${o.moreChanges} more (driftwatch history ${message.monitor})`, '');
  }
  if (o.next.length > 0) {
    const cmdWidth = Math.max(...o.next.map((n) => n.command.length)) + 3;
    lines.push('Next:');
    for (const n of o.next) lines.push(`  ${n.command.padEnd(cmdWidth)}${n.why}`);
    lines.push('');
  }
  const note = stubNote(message, options.stub);
  if (note) lines.push(note, '');
  return `${lines.join('\n').trimEnd()}\n`;
}
