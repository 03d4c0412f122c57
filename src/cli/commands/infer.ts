import { readFile, writeFile } from 'node:fs/promises';
import { InferenceError } from '../../schema/errors.js';
import { DEFAULT_MAX_DEPTH } from '../../schema/shape.js';
import { DEFAULT_MAX_BYTES } from '../../schema/sample-input.js';
import { emptyState, learnInto, stateFromJson, stateSchema, stateToJson, type Flavour, type LearningState } from '../../schema/state.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { sampleFilesIn, samplesOf } from './infer-input.js';

export interface InferCommandOptions {
  samplesFrom?: string;
  lines?: boolean;
  flavour?: Flavour;
  /** A learning state file to start from (when it exists) and to write back. */
  state?: string;
  maxBytes?: number;
  maxDepth?: number;
}

/** Prints the JSON Schema (draft 2020-12) learned from sample documents (files, `-` for stdin, a directory). */
export async function inferCommand(files: string[], options: InferCommandOptions = {}): Promise<ExitCode> {
  const inputs = [...files, ...(options.samplesFrom !== undefined ? await sampleFilesIn(options.samplesFrom) : [])];
  if (inputs.length === 0) throw new UsageError('infer needs at least one sample file, - for stdin, or --samples-from <dir>');
  const flavour = options.flavour ?? 'baseline';
  const state = options.state !== undefined ? await loadState(options.state, flavour) : emptyState(flavour);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const read = { lines: options.lines === true, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES };
  try {
    for (const input of inputs) {
      for await (const sample of samplesOf(input, read)) learnInto(state, sample, { maxDepth });
    }
  } catch (error) {
    if (error instanceof InferenceError) throw new UsageError(error.message);
    throw error;
  }
  process.stdout.write(`${JSON.stringify(stateSchema(state), null, 2)}\n`);
  if (options.state !== undefined) await writeFile(options.state, `${JSON.stringify(stateToJson(state))}\n`);
  return EXIT.ok;
}

async function loadState(path: string, flavour: Flavour): Promise<LearningState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState(flavour);
    throw new UsageError(`--state ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const state = stateFromJson(JSON.parse(text) as unknown);
    if (state.flavour !== flavour) throw new UsageError(`--state ${path} holds a ${state.flavour} state, not ${flavour}`);
    return state;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--state ${path}: ${(error as Error).message}`);
  }
}
