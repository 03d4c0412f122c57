export interface SpreadOptions {
  /** Share of the interval between two slots over which monitors sharing a schedule are spread (0 disables). */
  fraction: number;
  /** Upper bound of the spread window, so a daily schedule is not spread over hours. */
  maxMs: number;
}

/**
 * How long after its slot a monitor's run starts: a fixed point, derived from the monitor's name,
 * within the first `fraction` of the shortest interval of its schedule (at most `maxMs`). Every
 * replica computes the same offset, and monitors sharing a schedule do not all start at :00.
 */
export function spreadOffsetMs(name: string, intervalMs: number, options: SpreadOptions): number {
  const window = Math.min(Math.max(0, intervalMs) * options.fraction, options.maxMs);
  if (!(window > 0)) return 0;
  return Math.floor((fnv1a32(name) / 0x1_0000_0000) * window);
}

/** The shortest gap between consecutive instants (ms); Infinity with fewer than two. */
export function shortestGapMs(instants: readonly Date[]): number {
  let gap = Infinity;
  for (let i = 1; i < instants.length; i++) gap = Math.min(gap, instants[i]!.getTime() - instants[i - 1]!.getTime());
  return gap;
}

/**
 * 32-bit FNV-1a over the UTF-16 code units of a string, then murmur3's finaliser so that names
 * differing only in their last character (`m-0001`, `m-0002`) land far apart.
 */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
