import type { Level } from '../../diff/types.js';
import type { AlertMessage } from '../message.js';
import { changeLocation, outline, stubNote } from './outline.js';

const LEVEL_COLOUR: Record<Level, string> = { breaking: '#b42318', warning: '#b54708', info: '#175cd3' };

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `code` spans for text written with backticks (rule messages quote names that way). */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The email's HTML part: the same outline as the text part, as a small self-contained page. */
export function renderHtml(message: AlertMessage): string {
  const o = outline(message, 50);
  const colour = message.type === 'drift' ? LEVEL_COLOUR[message.severity] : message.type === 'recovered' ? '#067647' : '#b42318';
  const cell = 'style="padding:4px 8px;border:1px solid #d0d5dd;vertical-align:top;text-align:left"';
  const out: string[] = [
    '<!doctype html>',
    '<html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#101828">',
    `<h2 style="color:${colour};margin:0 0 12px">${escapeHtml(o.title)}</h2>`,
    '<table style="border-collapse:collapse;margin-bottom:12px">',
    ...o.facts.map((f) => `<tr><th ${cell}>${escapeHtml(f.label)}</th><td ${cell}>${f.kind === 'url' ? `<code>${escapeHtml(f.value)}</code>` : escapeHtml(f.value)}</td></tr>`),
    '</table>',
    ...o.paragraphs.map((p) => `<p>${inline(p)}</p>`),
  ];
  if (o.changes.length > 0) {
    out.push(
      '<h3>Most important changes</h3>',
      '<table style="border-collapse:collapse">',
      `<tr><th ${cell}>Level</th><th ${cell}>Rule</th><th ${cell}>Where</th><th ${cell}>Change</th><th ${cell}>Before → after</th></tr>`,
      ...o.changes.map(
        (c) =>
          `<tr><td ${cell}><strong style="color:${LEVEL_COLOUR[c.level]}">${c.level.toUpperCase()}</strong></td><td ${cell}><code>${escapeHtml(c.id)}</code></td><td ${cell}><code>${escapeHtml(changeLocation(c))}</code></td><td ${cell}>${inline(c.message)}</td><td ${cell}><code>${escapeHtml(c.before)}</code> → <code>${escapeHtml(c.after)}</code></td></tr>`,
      ),
      '</table>',
    );
    if (o.moreChanges > 0) out.push(`<p>…and ${o.moreChanges} more (<code>driftwatch history ${escapeHtml(message.monitor)}</code>)</p>`);
  }
  if (o.next.length > 0) {
    out.push('<h3>Next</h3>', '<ul>', ...o.next.map((n) => `<li><code>${escapeHtml(n.command)}</code> — ${escapeHtml(n.why)}</li>`), '</ul>');
  }
  const note = stubNote(message, 'attachment');
  if (note) out.push(`<p>${escapeHtml(note)}</p>`);
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}
