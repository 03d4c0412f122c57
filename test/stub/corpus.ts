import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { JsonValue } from '../../src/schema/types.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The shared corpus: `DRIFTWATCH_CORPUS`, else `../shared/corpus` beside the repository (or beside
 * the worktrees' folder, for a worktree under /work/wt). Undefined when it is absent.
 */
export function corpusDir(): string | undefined {
  const candidates = [process.env.DRIFTWATCH_CORPUS, resolve(REPO, '../shared/corpus'), resolve(REPO, '../../shared/corpus')];
  return candidates.find((dir): dir is string => dir !== undefined && dir !== '' && existsSync(join(dir, 'stripe-fixtures')));
}

export interface FixtureSet {
  /** `YYYY-MM-DD` of the Stripe API version the examples come from. */
  date: string;
  resources: Record<string, JsonValue>;
}

/** Stripe's example objects, one set per API version date, oldest first. */
export async function stripeFixtures(corpus: string): Promise<FixtureSet[]> {
  const dir = join(corpus, 'stripe-fixtures');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json.gz')).sort();
  const sets: FixtureSet[] = [];
  for (const file of files) {
    const parsed = JSON.parse(gunzipSync(await readFile(join(dir, file))).toString('utf8')) as { resources: Record<string, JsonValue> };
    sets.push({ date: file.slice(0, 10), resources: parsed.resources });
  }
  return sets;
}
