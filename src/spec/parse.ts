import { parseDocument } from 'yaml';
import type { JsonValue } from '../schema/types.js';
import { SpecLoadError, SpecTooDeepError } from './errors.js';

/** Aliases a YAML document may expand: enough for real specs, too few for an alias bomb ("billion laughs"). */
export const MAX_YAML_ALIASES = 1000;

/**
 * Parses a document as JSON when it looks like JSON, else as YAML (core schema: no custom tags run,
 * duplicate keys refused, alias expansion bounded). Errors name `source`.
 */
export function parseDocumentText(text: string, source: string): JsonValue {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') throw new SpecLoadError(source, 'is empty');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as JsonValue;
    } catch (jsonError) {
      if (/\.json$/i.test(source)) throw new SpecLoadError(source, `is not valid JSON (${(jsonError as Error).message})`);
      // YAML flow style also starts with a brace: let the YAML parser have a go before giving up.
    }
  }
  try {
    const document = parseDocument(trimmed, { uniqueKeys: true, prettyErrors: false });
    if (document.errors.length > 0) {
      const first = document.errors[0]!;
      if (isStackOverflow(first)) throw new SpecTooDeepError(source);
      throw new SpecLoadError(source, `is not valid YAML or JSON (${first.message.split('\n')[0]})`);
    }
    try {
      return document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as JsonValue;
    } catch (error) {
      if (isStackOverflow(error)) throw error;
      throw new SpecLoadError(source, `cannot be read as YAML (${(error as Error).message})`);
    }
  } catch (error) {
    // The YAML parser recurses once per level of nesting: thousands of levels exhaust the stack.
    if (isStackOverflow(error)) throw new SpecTooDeepError(source);
    throw error;
  }
}

/** The parser ran out of stack (thousands of nested levels); the YAML library reports it as a parse error. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError || (error instanceof Error && error.message.startsWith('Maximum call stack size exceeded'));
}
