import { diffSchemas } from '../../diff/diff.js';
import { diffSpecs } from '../../diff/openapi/diff-specs.js';
import { filterChanges } from '../../diff/filter.js';
import { levelRank, type Change, type Direction, type Level } from '../../diff/types.js';
import { inferSchema } from '../../schema/infer.js';
import type { JsonSchema, JsonValue } from '../../schema/types.js';
import { renderDiffReport } from '../../report/diff-report.js';
import type { ReportFormat } from '../../report/format.js';
import { SpecLoadError } from '../../spec/errors.js';
import { isSpecDocument, specFromValue } from '../../spec/load.js';
import { operationMatchKey as opKey } from '../../spec/operation-key.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from '../../probe/depth.js';
import { readDocument } from '../read-input.js';
import { isUrl, readUrlDocument } from '../read-url.js';

export type InputKind = 'auto' | 'schema' | 'sample';

export interface DiffOptions {
  format: ReportFormat;
  as: InputKind;
  direction: Direction;
  failOn: Level;
  ignore?: string[];
  /** Spec documents only: the operations to compare, as `METHOD /path`. */
  operations?: string[];
}

const SCHEMA_KEYWORDS = ['$schema', '$ref', '$defs', 'definitions', 'type', 'properties', 'items', 'anyOf', 'oneOf', 'allOf', 'enum'];

/** A document is read as a JSON Schema when it declares `$schema` or is an object made only of schema keywords. */
export function looksLikeSchema(document: JsonValue): boolean {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return false;
  if ('$schema' in document) return true;
  const keys = Object.keys(document);
  return keys.length > 0 && keys.some((k) => SCHEMA_KEYWORDS.includes(k)) && keys.every((k) => SCHEMA_KEYWORDS.includes(k) || k === 'required' || k === 'title' || k === 'description' || k === 'additionalProperties' || k === 'nullable' || k === 'format');
}

/**
 * Compares two API descriptions (OpenAPI 3.0/3.1, Swagger 2.0), two JSON Schemas, or two sample
 * documents, from files or URLs: no database, no monitor.
 */
export async function diffCommand(oldPath: string, newPath: string, options: DiffOptions): Promise<ExitCode> {
  const oldDoc = await readInput(oldPath);
  const newDoc = await readInput(newPath);
  let changes: Change[];
  if (isSpecDocument(oldDoc) || isSpecDocument(newDoc)) {
    changes = diffSpecDocuments(oldDoc, oldPath, newDoc, newPath, options.operations);
  } else {
    if (options.operations) throw new UsageError('--operations applies to OpenAPI or Swagger documents only');
    const newIsSample = options.as === 'sample' || (options.as === 'auto' && !looksLikeSchema(newDoc));
    const oldIsSample = options.as === 'sample' || (options.as === 'auto' && !looksLikeSchema(oldDoc));
    const before: JsonSchema = oldIsSample ? inferSchema([oldDoc]) : (oldDoc as JsonSchema);
    const after: JsonSchema = newIsSample ? inferSchema([newDoc]) : (newDoc as JsonSchema);
    changes = diffSchemas(before, after, { direction: options.direction, mode: newIsSample ? 'observation' : 'schema' });
  }
  changes = filterChanges(changes, { ignore: options.ignore ?? [] });
  process.stdout.write(renderDiffReport(changes, options.format, `driftwatch diff ${oldPath} ${newPath}`));
  return changes.some((c) => levelRank(c.level) >= levelRank(options.failOn)) ? EXIT.breaking : EXIT.ok;
}

async function readInput(argument: string): Promise<JsonValue> {
  const document = await (isUrl(argument) ? readUrlDocument(argument) : readDocument(argument));
  if (nestsDeeperThan(document, MAX_DOCUMENT_DEPTH)) {
    throw new UsageError(`${argument === '-' ? 'stdin' : argument}: nests arrays and objects deeper than ${MAX_DOCUMENT_DEPTH} levels, which driftwatch does not read`);
  }
  return document;
}

function diffSpecDocuments(oldDoc: JsonValue, oldPath: string, newDoc: JsonValue, newPath: string, operations: string[] | undefined): Change[] {
  try {
    const before = specFromValue(oldDoc, oldPath);
    const after = specFromValue(newDoc, newPath);
    const unknown = (operations ?? []).filter((op) => !before.operations[opKey(op)] && !after.operations[opKey(op)]);
    if (unknown.length > 0) throw new UsageError(`--operations: ${unknown.join(', ')} is in neither document`);
    return diffSpecs(before, after, operations ? { operations } : {});
  } catch (error) {
    if (error instanceof SpecLoadError) throw new UsageError(error.message);
    throw error;
  }
}
