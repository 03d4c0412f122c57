import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The shared corpus (Stripe specs and fixtures): `DRIFTWATCH_CORPUS`, else `../shared/corpus` beside
 * the repository (or `../../shared/corpus` from a worktree under `/work/wt/`).
 */
export const CORPUS = process.env.DRIFTWATCH_CORPUS ?? resolve(REPO, '../shared/corpus');

function locate(): string | undefined {
  const candidates = process.env.DRIFTWATCH_CORPUS ? [CORPUS] : [CORPUS, resolve(REPO, '../../shared/corpus')];
  return candidates.find((candidate) => existsSync(candidate));
}

export const corpusDir = locate();
export const corpusMissing = corpusDir === undefined ? `corpus not found at ${CORPUS} (set DRIFTWATCH_CORPUS)` : undefined;

export function readCorpusJson(...parts: string[]): unknown {
  return JSON.parse(gunzipSync(readFileSync(join(corpusDir!, ...parts))).toString('utf8'));
}

export function listCorpus(...parts: string[]): string[] {
  return readdirSync(join(corpusDir!, ...parts)).sort();
}
