import { splitPointer } from './pointer.js';
import { levelRank, type Change, type Level } from './types.js';

export interface ChangeFilter {
  /** JSON Pointers into the schema; a change at or below one is dropped. A `*` token matches any one token. */
  ignore?: readonly string[];
  /** Changes below this level are dropped. */
  minLevel?: Level;
}

export function filterChanges(changes: readonly Change[], filter: ChangeFilter): Change[] {
  const patterns = (filter.ignore ?? []).map(splitPointer);
  const min = filter.minLevel ? levelRank(filter.minLevel) : 0;
  return changes.filter((change) => {
    if (levelRank(change.level) < min) return false;
    const tokens = splitPointer(change.path);
    return !patterns.some((pattern) => isPrefix(pattern, tokens));
  });
}

function isPrefix(pattern: readonly string[], tokens: readonly string[]): boolean {
  if (pattern.length > tokens.length) return false;
  return pattern.every((token, i) => token === '*' || token === tokens[i]);
}

export function summarize(changes: readonly Change[]): Record<Level, number> {
  const summary: Record<Level, number> = { breaking: 0, warning: 0, info: 0 };
  for (const change of changes) summary[change.level]++;
  return summary;
}
