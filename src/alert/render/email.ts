import type { AlertMessage } from '../message.js';
import { outline } from './outline.js';
import { renderHtml } from './html.js';
import { renderText } from './text.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: string; contentType: string }[];
}

/** An email with HTML and plain-text parts of the same content, and the adapter stub attached. */
export function renderEmail(message: AlertMessage): EmailContent {
  const o = outline(message, 50);
  const summary = message.type === 'drift' ? ` (${message.summary.breaking} breaking, ${message.summary.warning} warning, ${message.summary.info} info)` : '';
  return {
    subject: `[driftwatch] ${o.title}${summary}`,
    text: renderText(message, { stub: 'attachment' }),
    html: renderHtml(message),
    attachments: message.type === 'drift' && message.stub ? [{ filename: message.stub.fileName, content: message.stub.code, contentType: 'text/plain; charset=utf-8' }] : [],
  };
}
