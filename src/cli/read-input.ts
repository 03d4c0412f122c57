import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { JsonValue } from '../schema/types.js';
import { isStackOverflow } from '../spec/parse.js';
import { UsageError } from './exit-codes.js';

async function readText(path: string): Promise<string> {
  try {
    if (path === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Reads one JSON (or YAML, by extension) document from a file or `-` for stdin. */
export async function readDocument(path: string): Promise<JsonValue> {
  const text = await readText(path);
  const ext = extname(path).toLowerCase();
  try {
    if (ext === '.yaml' || ext === '.yml') return parseYaml(text, { maxAliasCount: 100 }) as JsonValue;
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    if (isStackOverflow(error)) throw new UsageError(`${path === '-' ? 'stdin' : path}: nests arrays and objects too deep to be read`);
    throw new UsageError(`${path === '-' ? 'stdin' : path}: not valid ${ext === '.yaml' || ext === '.yml' ? 'YAML' : 'JSON'} (${(error as Error).message})`);
  }
}
