import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseSample, readAllLimited, readJsonLines, tooLarge } from '../../schema/sample-input.js';
import { UsageError } from '../exit-codes.js';

export interface SampleSourceOptions {
  /** Read every input as JSON Lines, whatever its name. */
  lines: boolean;
  maxBytes: number;
}

const LINE_EXTENSIONS = new Set(['.jsonl', '.ndjson']);
const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);
/** What `--samples-from` picks up in a directory. */
const SAMPLE_EXTENSIONS = new Set(['.json', ...LINE_EXTENSIONS, ...YAML_EXTENSIONS]);

/** The sample files of a directory (not its subdirectories), sorted by name. */
export async function sampleFilesIn(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`--samples-from ${dir}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const files = entries
    .filter((e) => e.isFile() && SAMPLE_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => join(dir, e.name))
    .sort();
  if (files.length === 0) throw new UsageError(`--samples-from ${dir}: no *.json, *.jsonl, *.ndjson, *.yaml or *.yml files`);
  return files;
}

/**
 * The samples in one input: a JSON (or YAML) document, or one per line of JSON Lines (`.jsonl`,
 * `.ndjson`, or `--lines`); `-` is stdin, read as JSON, or as JSON Lines when it is not one document.
 * A document larger than `maxBytes` is refused before it is read whole.
 */
export async function* samplesOf(path: string, options: SampleSourceOptions): AsyncGenerator<unknown> {
  const ext = extname(path).toLowerCase();
  if (path === '-') {
    if (options.lines) {
      yield* readJsonLines(process.stdin, { maxBytes: options.maxBytes, source: 'stdin' });
      return;
    }
    const text = (await readAllLimited(process.stdin, { maxBytes: options.maxBytes, source: 'stdin' })).toString('utf8');
    yield* wholeOrLines(text, 'stdin', options.maxBytes);
    return;
  }
  if (options.lines || LINE_EXTENSIONS.has(ext)) {
    await mustExist(path);
    yield* readJsonLines(createReadStream(path), { maxBytes: options.maxBytes, source: path });
    return;
  }
  const size = (await mustExist(path)).size;
  if (size > options.maxBytes) throw tooLarge(path, size, options.maxBytes);
  const text = await readFile(path, 'utf8');
  if (YAML_EXTENSIONS.has(ext)) {
    try {
      yield parseYaml(text, { maxAliasCount: 100 }) as unknown;
    } catch (error) {
      throw new UsageError(`${path}: not valid YAML (${(error as Error).message})`);
    }
    return;
  }
  yield parseSample(text, { maxBytes: options.maxBytes, source: path });
}

async function mustExist(path: string): Promise<{ size: number }> {
  try {
    return await stat(path);
  } catch (error) {
    throw new UsageError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function* wholeOrLines(text: string, source: string, maxBytes: number): Generator<unknown> {
  try {
    yield JSON.parse(text) as unknown;
    return;
  } catch {
    // Not one document: JSON Lines, or an error that names the line.
  }
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    if (raw.trim() === '') continue;
    yield parseSample(raw, { maxBytes, source: `line ${line} of ${source}` });
  }
}
