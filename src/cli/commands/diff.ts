import { diffSchemas } from '../../diff/diff.js';
import { filterChanges } from '../../diff/filter.js';
import { levelRank, type Direction, type Level } from '../../diff/types.js';
import { inferSchema } from '../../schema/infer.js';
import type { JsonSchema, JsonValue } from '../../schema/types.js';
import { renderDiffReport } from '../../report/diff-report.js';
import type { ReportFormat } from '../../report/format.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { readDocument } from '../read-input.js';

export type InputKind = 'auto' | 'schema' | 'sample';

export interface DiffOptions {
  format: ReportFormat;
  as: InputKind;
  direction: Direction;
  failOn: Level;
  ignore?: string[];
}

const SCHEMA_KEYWORDS = ['$schema', '$ref', '$defs', 'definitions', 'type', 'properties', 'items', 'anyOf', 'oneOf', 'allOf', 'enum'];

/** A document is read as a JSON Schema when it declares `$schema` or is an object made only of schema keywords. */
export function looksLikeSchema(document: JsonValue): boolean {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return false;
  if ('$schema' in document) return true;
  const keys = Object.keys(document);
  return keys.length > 0 && keys.some((k) => SCHEMA_KEYWORDS.includes(k)) && keys.every((k) => SCHEMA_KEYWORDS.includes(k) || k === 'required' || k === 'title' || k === 'description' || k === 'additionalProperties' || k === 'nullable' || k === 'format');
}

/** Compares two JSON Schemas, or two sample documents, from files: no database, no monitor. */
export async function diffCommand(oldPath: string, newPath: string, options: DiffOptions): Promise<ExitCode> {
  const oldDoc = await readDocument(oldPath);
  const newDoc = await readDocument(newPath);
  const newIsSample = options.as === 'sample' || (options.as === 'auto' && !looksLikeSchema(newDoc));
  const oldIsSample = options.as === 'sample' || (options.as === 'auto' && !looksLikeSchema(oldDoc));
  const before: JsonSchema = oldIsSample ? inferSchema([oldDoc]) : (oldDoc as JsonSchema);
  const after: JsonSchema = newIsSample ? inferSchema([newDoc]) : (newDoc as JsonSchema);
  const changes = filterChanges(
    diffSchemas(before, after, { direction: options.direction, mode: newIsSample ? 'observation' : 'schema' }),
    { ignore: options.ignore ?? [] },
  );
  process.stdout.write(renderDiffReport(changes, options.format, `driftwatch diff ${oldPath} ${newPath}`));
  return changes.some((c) => levelRank(c.level) >= levelRank(options.failOn)) ? EXIT.breaking : EXIT.ok;
}
