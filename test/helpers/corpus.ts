import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The shared corpus (Stripe specs and fixtures): `DRIFTWATCH_CORPUS` when set, else the nearest
 * `shared/corpus` beside the repository or one of its parents (`../shared/corpus` from /work/main,
 * `../../shared/corpus` from a worktree). Undefined when there is none.
 */
export function corpusDir(): string | undefined {
  const fromEnv = process.env.DRIFTWATCH_CORPUS;
  if (fromEnv) return existsSync(fromEnv) ? resolve(fromEnv) : undefined;
  let dir = REPO;
  for (let i = 0; i < 4; i++) {
    const candidate = join(dirname(dir), 'shared', 'corpus');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

export const CORPUS_SKIP_MESSAGE =
  'the shared corpus (Stripe fixtures and specs) was not found: set DRIFTWATCH_CORPUS to its directory (it holds stripe-fixtures/ and stripe-openapi/)';

/** The files of one corpus folder, sorted by name (the names start with their date). */
export function corpusFiles(folder: string): string[] {
  const root = corpusDir();
  if (!root) return [];
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json.gz') || name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/** The text of a corpus file, gunzipped when it ends in .gz. */
export function readCorpusText(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

export function readCorpusJson(path: string): unknown {
  return JSON.parse(readCorpusText(path)) as unknown;
}

/** The date a corpus file name starts with (`2022-02-08_5b213098.json.gz` → `2022-02-08`). */
export function corpusDate(path: string): string {
  return /(\d{4}-\d{2}-\d{2})/.exec(path)?.[1] ?? '';
}
