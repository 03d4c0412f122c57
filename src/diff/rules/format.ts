import { typesOf } from '../facts.js';
import { lensOf } from '../properties.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';

/**
 * String formats observation-flavour inference asserts when every value seen matches (issue 4,
 * `src/schema/formats.ts`). Only for these does an observation without the format show values
 * that no longer match it; any other format (`password`, `int64`, `unix-time`) is never inferred.
 */
export const OBSERVABLE_FORMATS: ReadonlySet<string> = new Set(['date-time', 'date', 'time', 'uuid', 'email', 'uri', 'ipv4', 'ipv6']);

/** Formats whose values are all values of another format too (a `uri` is a `uri-reference`). */
const NARROWER_THAN: Readonly<Record<string, readonly string[]>> = {
  uri: ['uri-reference', 'iri', 'iri-reference'],
  'uri-reference': ['iri-reference'],
  iri: ['iri-reference'],
  email: ['idn-email'],
  hostname: ['idn-hostname'],
};

function within(format: string, baseline: string): boolean {
  return format === baseline || (NARROWER_THAN[format]?.includes(baseline) ?? false);
}

export const formatRule: SchemaRule = {
  name: 'format',
  scope: 'node',
  observation:
    'the observation carries a format only when every value seen matched it: a string without the baseline\'s (inferable) format, or with another one, holds values that do not match it; a format the baseline lacks is variance',
  definitions: [
    ...mirrored('format-added', { response: 'info', request: 'warning' }, 'a format (date-time, uuid, …) now constrains the value.', {
      example: { before: { type: 'string' }, after: { type: 'string', format: 'date-time' } },
    }),
    ...mirrored('format-removed', { response: 'warning', request: 'info' }, 'the value no longer promises a format.', {
      example: { before: { type: 'string', format: 'date-time' }, after: { type: 'string' } },
    }),
    ...mirrored('format-changed', { response: 'breaking', request: 'breaking' }, 'the value has a different format.', {
      example: { before: { type: 'string', format: 'date-time' }, after: { type: 'string', format: 'date' } },
    }),
    {
      id: 'response-format-not-matched',
      level: 'breaking',
      direction: 'response',
      doc: 'Response: sampled values no longer match the format the baseline promises (observations only).',
      example: { before: { type: 'string', format: 'date-time' }, after: { type: 'string' }, mode: 'observation' },
      unmirrored: { direction: 'observations sample responses only' },
    },
  ],
  check(before, after, ctx) {
    const b = typeof before.format === 'string' ? before.format : undefined;
    const a = typeof after.format === 'string' ? after.format : undefined;
    if (b === a) return [];
    const params = { before: b ?? 'none', after: a ?? 'none' };
    if (ctx.mode === 'observation') {
      if (b === undefined || !OBSERVABLE_FORMATS.has(b)) return [];
      if (a !== undefined) {
        return within(a, b) ? [] : [finding(`${ctx.direction}-format-changed`, ctx, { before: b, after: a, params })];
      }
      const types = typesOf(after, lensOf(ctx), 'after');
      if (ctx.direction !== 'response' || !types?.has('string')) return [];
      return [finding('response-format-not-matched', ctx, { before: b, after: a, params })];
    }
    const kind = b !== undefined && a !== undefined ? 'changed' : a !== undefined ? 'added' : 'removed';
    return [finding(`${ctx.direction}-format-${kind}`, ctx, { before: b, after: a, params })];
  },
};
