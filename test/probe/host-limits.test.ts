import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProbeFailure, type ProbeFailure } from '../../src/probe/failure.js';
import { httpRequest } from '../../src/probe/http.js';
import { createProbeRuntime } from '../../src/probe/runtime.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { get, settings } from './helpers.js';

const sim = new VendorSimulator();
beforeAll(async () => {
  await sim.start();
});
afterAll(async () => {
  await sim.stop();
});

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (isProbeFailure(error)) return (error as ProbeFailure).kind;
    throw error;
  }
}

/** The most requests the simulator received in any `windowMs` starting at one of them. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

describe('the per-host token bucket', () => {
  it('keeps 50 concurrent probes of five monitors on one host within the host limit, as counted by the vendor', async () => {
    const runtime = createProbeRuntime();
    const monitors = [
      settings({ name: 'strict', rateLimit: { rps: 10, burst: 5, concurrency: 50 } }),
      ...Array.from({ length: 4 }, (_, i) => settings({ name: `loose-${i}`, rateLimit: { rps: 100, burst: 50, concurrency: 50 } })),
    ];
    runtime.hosts.configure(monitors.map((m) => ({ ...m, request: { url: sim.url('/') } })));
    sim.json('/v1/rated', { ok: true });
    // One signal for every probe, as the daemon's shutdown signal will be.
    const shutdown = new AbortController();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        outcome(httpRequest(get(sim.url('/v1/rated')), { runtime, monitor: monitors[i % monitors.length]!, signal: shutdown.signal })),
      ),
    );
    process.off('warning', onWarning);
    expect(results).toEqual(Array(50).fill('ok'));
    expect(warnings).toEqual([]);
    const arrivals = sim.requests('/v1/rated').map((r) => r.at);
    expect(arrivals).toHaveLength(50);
    // The lowest limit of the host's monitors applies: 10/s with a burst of 5. The bucket starts at most
    // burst + rps * t requests in any t seconds; the vendor sees them after connection set-up and loopback
    // delivery, which on a loaded machine shifts an arrival by up to JITTER. So in any window of t seconds it
    // counts at most burst + rps * (t + JITTER). With the loose monitors' limit (100/s, burst 50), or none,
    // all 50 would arrive within a few hundred milliseconds.
    const JITTER = 0.2;
    const bound = (seconds: number) => Math.floor(5 + 10 * (seconds + JITTER));
    expect(busiestWindow(arrivals, 1000)).toBeLessThanOrEqual(bound(1));
    expect(busiestWindow(arrivals, 200)).toBeLessThanOrEqual(bound(0.2));
    expect(busiestWindow(arrivals, 3000)).toBeLessThanOrEqual(bound(3));
  });

  it('fails a probe as rate-limited when no slot comes within its time budget', async () => {
    const runtime = createProbeRuntime();
    sim.json('/v1/slow-host', { ok: true });
    const monitor = settings({
      rateLimit: { rps: 1, burst: 1 },
      retry: { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0, maxElapsedMs: 1500 },
    } as Parameters<typeof settings>[0]);
    const results = await Promise.all(Array.from({ length: 4 }, () => outcome(httpRequest(get(sim.url('/v1/slow-host')), { runtime, monitor }))));
    expect(results.sort()).toEqual(['ok', 'ok', 'rate-limited', 'rate-limited']);
  });
});

describe('the per-host circuit breaker', () => {
  const retry = { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0, maxElapsedMs: 10_000, nonIdempotent: false };

  it('opens after repeated failures, fails fast as vendor-unavailable, and closes after a good half-open trial', async () => {
    const runtime = createProbeRuntime();
    const monitor = settings({ retry, circuitBreaker: { threshold: 3, halfOpenAfterMs: 300 } });
    const probe = () => outcome(httpRequest(get(sim.url('/v1/flaky')), { runtime, monitor }));
    sim.json('/v1/flaky', { ok: true }).failNext('/v1/flaky', 3, 503);

    expect([await probe(), await probe(), await probe()]).toEqual(['http-503', 'http-503', 'http-503']);
    expect(runtime.hosts.for(sim.url('/')).breaker.state).toBe('open');
    const fast = await httpRequest(get(sim.url('/v1/flaky')), { runtime, monitor }).catch((e: unknown) => e as ProbeFailure);
    expect(fast).toMatchObject({ kind: 'vendor-unavailable' });
    expect((fast as ProbeFailure).message).toMatch(
      /^127\.0\.0\.1:\d+ is failing: its circuit opened after 3 consecutive failed probes \(last: HTTP 503\); probes fail fast until a trial in \d+ s$/,
    );
    expect(sim.count('/v1/flaky')).toBe(3);

    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await probe()).toBe('ok');
    expect(runtime.hosts.for(sim.url('/')).breaker.state).toBe('closed');
    expect(await probe()).toBe('ok');
    expect(sim.count('/v1/flaky')).toBe(5);
  });

  it('opens again when the half-open trial fails', async () => {
    const runtime = createProbeRuntime();
    const monitor = settings({ retry, circuitBreaker: { threshold: 2, halfOpenAfterMs: 300 } });
    const probe = () => outcome(httpRequest(get(sim.url('/v1/down')), { runtime, monitor }));
    sim.json('/v1/down', { ok: true }).failNext('/v1/down', 3, 502);
    expect([await probe(), await probe(), await probe()]).toEqual(['http-502', 'http-502', 'vendor-unavailable']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await probe()).toBe('http-502');
    expect(await probe()).toBe('vendor-unavailable');
    expect(sim.count('/v1/down')).toBe(3);
  });

  it('counts neither refused credentials nor client errors as the vendor failing', async () => {
    const runtime = createProbeRuntime();
    const monitor = settings({ retry, circuitBreaker: { threshold: 2, halfOpenAfterMs: 60_000 } });
    const probe = () => outcome(httpRequest(get(sim.url('/v1/mine')), { runtime, monitor }));
    sim.json('/v1/mine', {}).failNext('/v1/mine', 2, 401).failNext('/v1/mine', 2, 404);
    expect([await probe(), await probe(), await probe(), await probe(), await probe()]).toEqual(['auth', 'auth', 'http-404', 'http-404', 'ok']);
    expect(runtime.hosts.for(sim.url('/')).breaker.state).toBe('closed');
  });
});
