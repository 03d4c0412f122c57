import { describe, expect, it } from 'vitest';
import { ConcurrencyLimits } from '../../src/daemon/limits.js';
import { AcquireCancelled, Semaphore } from '../../src/daemon/semaphore.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('concurrency limits', () => {
  it('never runs more than the global limit, nor more than the per-host limit against one host', async () => {
    const limits = new ConcurrencyLimits({ global: 3, perHost: 2 });
    const active = { all: 0, a: 0, b: 0, c: 0 };
    const peak = { all: 0, a: 0, b: 0, c: 0 };
    const hosts = ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'c'] as const;
    const never = new AbortController().signal;
    await Promise.all(
      hosts.map((host) =>
        limits.run(host, never, async () => {
          active.all++;
          active[host]++;
          peak.all = Math.max(peak.all, active.all);
          peak[host] = Math.max(peak[host], active[host]);
          for (let i = 0; i < 3; i++) await tick();
          active.all--;
          active[host]--;
        }),
      ),
    );
    expect(peak).toEqual({ all: 3, a: 2, b: 2, c: 2 });
    expect(limits.active).toBe(0);
  });

  it('does not let runs waiting for a busy host hold global slots', async () => {
    const limits = new ConcurrencyLimits({ global: 2, perHost: 1 });
    const never = new AbortController().signal;
    const first = gate();
    const started: string[] = [];
    const a1 = limits.run('a', never, async () => {
      started.push('a1');
      await first.opened;
    });
    const a2 = limits.run('a', never, async () => void started.push('a2'));
    const b1 = limits.run('b', never, async () => void started.push('b1'));
    await b1;
    expect(started).toEqual(['a1', 'b1']);
    first.open();
    await Promise.all([a1, a2]);
    expect(started).toEqual(['a1', 'b1', 'a2']);
  });

  it('removes a waiter whose signal aborts, and the next one still gets the slot', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const cancelled = semaphore.acquire(controller.signal);
    const next = semaphore.acquire();
    controller.abort();
    await expect(cancelled).rejects.toBeInstanceOf(AcquireCancelled);
    expect(semaphore.waiting).toBe(1);
    release();
    const releaseNext = await next;
    expect(semaphore.inUse).toBe(1);
    releaseNext();
    expect(semaphore.inUse).toBe(0);
  });
});
