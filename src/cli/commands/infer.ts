import { inferSchema } from '../../schema/infer.js';
import type { JsonValue } from '../../schema/types.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { readDocument } from '../read-input.js';

/** Prints the JSON Schema (draft 2020-12) inferred from sample documents. */
export async function inferCommand(files: string[]): Promise<ExitCode> {
  if (files.length === 0) throw new UsageError('infer needs at least one sample file (or - for stdin)');
  const samples: JsonValue[] = [];
  for (const file of files) samples.push(await readDocument(file));
  process.stdout.write(`${JSON.stringify(inferSchema(samples), null, 2)}\n`);
  return EXIT.ok;
}
