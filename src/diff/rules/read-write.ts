import { finding, type SchemaRule } from '../rule.js';

export const readWriteRule: SchemaRule = {
  name: 'read-write',
  scope: 'site',
  observation: 'inference never writes readOnly or writeOnly, so an observation says nothing about them',
  definitions: [
    {
      id: 'response-became-write-only',
      level: 'breaking',
      direction: 'response',
      doc: 'Response: a value became `writeOnly`: the vendor stops returning it.',
      example: { before: { type: 'string' }, after: { type: 'string', writeOnly: true } },
      unmirrored: { direction: 'writeOnly hides a value from responses only; what the consumer sends is unaffected' },
    },
    {
      id: 'response-became-not-write-only',
      level: 'info',
      direction: 'response',
      doc: 'Response: a `writeOnly` value is now returned too.',
      example: { before: { type: 'string', writeOnly: true }, after: { type: 'string' } },
      unmirrored: { direction: 'writeOnly hides a value from responses only; what the consumer sends is unaffected' },
    },
    {
      id: 'request-became-read-only',
      level: 'warning',
      direction: 'request',
      doc: 'Request: a value became `readOnly`: the vendor ignores or refuses it when the consumer sends it.',
      example: { before: { type: 'string' }, after: { type: 'string', readOnly: true } },
      unmirrored: { direction: 'readOnly hides a value from requests only; what the consumer receives is unaffected' },
    },
    {
      id: 'request-became-not-read-only',
      level: 'info',
      direction: 'request',
      doc: 'Request: a `readOnly` value may now be sent.',
      example: { before: { type: 'string', readOnly: true }, after: { type: 'string' } },
      unmirrored: { direction: 'readOnly hides a value from requests only; what the consumer receives is unaffected' },
    },
  ],
  check(before, after, ctx) {
    if (ctx.mode === 'observation') return [];
    const keyword = ctx.direction === 'response' ? 'writeOnly' : 'readOnly';
    const b = before[keyword] === true;
    const a = after[keyword] === true;
    if (b === a) return [];
    const id = ctx.direction === 'response' ? `response-became-${a ? '' : 'not-'}write-only` : `request-became-${a ? '' : 'not-'}read-only`;
    return [finding(id, ctx, { before: b, after: a })];
  },
};
