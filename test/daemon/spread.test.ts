import { describe, expect, it } from 'vitest';
import { shortestGapMs, spreadOffsetMs } from '../../src/daemon/spread.js';

const MINUTE = 60_000;
const options = { fraction: 0.5, maxMs: 5 * MINUTE };

describe('the spread of monitors sharing a schedule', () => {
  it('gives each name a fixed offset within the first half of the interval, capped', () => {
    expect(spreadOffsetMs('charges', MINUTE, options)).toBe(spreadOffsetMs('charges', MINUTE, options));
    for (const name of ['a', 'charges', 'github-node-repo', 'm-0001']) {
      const minute = spreadOffsetMs(name, MINUTE, options);
      expect(minute).toBeGreaterThanOrEqual(0);
      expect(minute).toBeLessThan(MINUTE / 2);
      expect(spreadOffsetMs(name, 24 * 60 * MINUTE, options)).toBeLessThan(5 * MINUTE);
      expect(spreadOffsetMs(name, MINUTE, { fraction: 0, maxMs: MINUTE })).toBe(0);
    }
  });

  it('spreads 2,000 similar names evenly: every tenth of the window holds 7–13% of them', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 2000; i++) {
      const offset = spreadOffsetMs(`m-${String(i).padStart(4, '0')}`, MINUTE, options);
      buckets[Math.floor((offset / (MINUTE / 2)) * 10)]! += 1;
    }
    for (const count of buckets) {
      expect(count).toBeGreaterThanOrEqual(140);
      expect(count).toBeLessThanOrEqual(260);
    }
  });

  it('measures the interval as the shortest gap between upcoming slots', () => {
    const at = (h: number) => new Date(Date.UTC(2030, 0, 1, h));
    expect(shortestGapMs([at(9), at(17), at(33)])).toBe(8 * 60 * MINUTE);
    expect(shortestGapMs([at(9)])).toBe(Infinity);
  });
});
