import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The shared corpus: `DRIFTWATCH_CORPUS`, else `../shared/corpus` beside the repository (or beside its worktree folder). */
export function corpusDir(): string | undefined {
  const candidates = [process.env.DRIFTWATCH_CORPUS, join(REPO, '../shared/corpus'), join(REPO, '../../shared/corpus')];
  return candidates.find((dir): dir is string => dir !== undefined && existsSync(join(dir, 'stripe-openapi')));
}

export const CORPUS_SKIP_MESSAGE = 'the Stripe corpus is absent (set DRIFTWATCH_CORPUS to the folder holding stripe-openapi/ and stripe-openapi-pairs/)';

export function readGzipText(file: string): string {
  return gunzipSync(readFileSync(file)).toString('utf8');
}

/** Spec versions years apart, oldest first. */
export function stripeVersions(corpus: string): string[] {
  const dir = join(corpus, 'stripe-openapi');
  return readdirSync(dir).filter((f) => f.endsWith('.json.gz')).sort().map((f) => join(dir, f));
}

/** Real day-to-day changes: folders holding before.json.gz and after.json.gz. */
export function stripePairs(corpus: string): { name: string; before: string; after: string }[] {
  const dir = join(corpus, 'stripe-openapi-pairs');
  return readdirSync(dir).sort().map((name) => ({ name, before: join(dir, name, 'before.json.gz'), after: join(dir, name, 'after.json.gz') }));
}
