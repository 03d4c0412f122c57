import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthSpec } from '../../src/config/types.js';
import { isProbeFailure, type ProbeFailure } from '../../src/probe/failure.js';
import { httpRequest, type HttpOptions } from '../../src/probe/http.js';
import { parseJsonBody } from '../../src/probe/json-body.js';
import { createProbeRuntime, type ProbeRuntime } from '../../src/probe/runtime.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { get, settings } from './helpers.js';
import { VirtualClock } from './virtual-clock.js';

let clock: VirtualClock;
let runtime: ProbeRuntime;
let notices: string[];
const sim = new VendorSimulator({ now: () => clock.now() });
const other = new VendorSimulator({ now: () => clock.now() });

beforeAll(async () => {
  clock = new VirtualClock();
  await sim.start();
  await other.start();
});
afterAll(async () => {
  await sim.stop();
  await other.stop();
});
beforeEach(() => {
  clock = new VirtualClock();
  runtime = createProbeRuntime({ clock });
  notices = [];
});

let route = 0;
/** A fresh path per test, so that faults and counts never leak between tests. */
function path(): string {
  return `/v1/r${++route}`;
}

function options(overrides: Partial<HttpOptions['monitor']> = {}): HttpOptions {
  return { runtime, monitor: settings(overrides), onNotice: (n) => notices.push(n) };
}

async function failure(promise: Promise<unknown>): Promise<ProbeFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isProbeFailure(error)) throw new Error(`expected a ProbeFailure, got ${String(error)}`);
  return error;
}

describe('retries', () => {
  it('retries 502, 503, 504 and a reset connection with backoff, and says so', async () => {
    const p = path();
    sim.json(p, { ok: true }).failNext(p, 1, 502).failNext(p, 1, 503);
    const response = await httpRequest(get(sim.url(p)), options({ retry: { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 1000, maxElapsedMs: 60_000, nonIdempotent: false } }));
    expect(response.status).toBe(200);
    expect(sim.requests(p).map((r) => r.status)).toEqual([502, 503, 200]);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[0]).toBeLessThan(100);
    expect(clock.sleeps[1]).toBeLessThan(200);
    expect(notices).toEqual([expect.stringMatching(/^retried 2 times: after HTTP 502 \(backoff [\d.]+ s\), after HTTP 503 \(backoff [\d.]+ s\)$/)]);

    const q = path();
    sim.json(q, { ok: true }).failNext(q, 1, 504).resetNext(q);
    expect((await httpRequest(get(sim.url(q)), options())).status).toBe(200);
    expect(sim.requests(q).map((r) => r.status)).toEqual([504, 0, 200]);
  });

  it('gives up after maxAttempts with the last status as the failure kind', async () => {
    const p = path();
    sim.json(p, {}).failNext(p, 5, 503);
    const failed = await failure(httpRequest(get(sim.url(p)), options()));
    expect(failed.kind).toBe('http-503');
    expect(failed.message).toBe(`GET ${sim.url(p)} answered HTTP 503 (3 attempts)`);
    expect(sim.count(p)).toBe(3);
  });

  it('does not retry other statuses', async () => {
    const p = path();
    sim.json(p, {}).failNext(p, 1, 500).failNext(p, 1, 404);
    expect((await failure(httpRequest(get(sim.url(p)), options()))).kind).toBe('http-500');
    expect((await failure(httpRequest(get(sim.url(p)), options()))).kind).toBe('http-404');
    expect(sim.count(p)).toBe(2);
  });

  it('does not retry POST or PATCH unless the monitor opts in', async () => {
    const p = path();
    sim.json(p, { ok: true }).failNext(p, 2, 503);
    const post = get(sim.url(p), { method: 'POST', body: { query: 'x' } });
    expect((await failure(httpRequest(post, options()))).message).toBe(`POST ${sim.url(p)} answered HTTP 503`);
    expect(sim.count(p)).toBe(1);
    const optedIn = await httpRequest(post, options({ retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10, maxElapsedMs: 60_000, nonIdempotent: true } }));
    expect(optedIn.status).toBe(200);
    expect(sim.requests(p).map((r) => [r.method, r.status, r.body])).toEqual([
      ['POST', 503, '{"query":"x"}'],
      ['POST', 503, '{"query":"x"}'],
      ['POST', 200, '{"query":"x"}'],
    ]);
  });

  it('retries a refused connection and then reports it as network', async () => {
    const closed = new VendorSimulator();
    await closed.start();
    const url = closed.url('/gone');
    await closed.stop();
    const failed = await failure(httpRequest(get(url), options()));
    expect(failed.kind).toBe('network');
    expect(failed.message).toBe(`cannot reach ${url}: ECONNREFUSED (3 attempts)`);
    expect(clock.sleeps).toHaveLength(2);
  });
});

describe('Retry-After and rate-limit headers', () => {
  it('waits as long as Retry-After in seconds says: the simulator sees the retry no earlier', async () => {
    const p = path();
    sim.json(p, { ok: true }).rateLimitNext(p, 1, { seconds: 30 });
    expect((await httpRequest(get(sim.url(p)), options())).status).toBe(200);
    const [limited, retried] = sim.requests(p);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(30_000);
    // The wait runs from when the answer was read, so a millisecond spent since may come off it.
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThan(29_900);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(30_000);
    expect(notices).toEqual(['retried 1 time: after HTTP 429 (Retry-After: 30 s)']);
  });

  it('waits until the HTTP date of Retry-After', async () => {
    const p = path();
    const date = new Date(clock.now() + 45_000);
    sim.json(p, { ok: true }).failNext(p, 1, 503, { 'retry-after': date.toUTCString() });
    expect((await httpRequest(get(sim.url(p)), options())).status).toBe(200);
    const [, retried] = sim.requests(p);
    expect(retried!.at).toBeGreaterThanOrEqual(Date.parse(date.toUTCString()));
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThan(40_000);
  });

  it('waits for the quota reset of a 429 without Retry-After', async () => {
    const p = path();
    const reset = Math.ceil(clock.now() / 1000) + 20;
    sim.json(p, { ok: true }).rateLimitNext(p, 1, undefined, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
    expect((await httpRequest(get(sim.url(p)), options())).status).toBe(200);
    expect(sim.requests(p)[1]!.at).toBeGreaterThanOrEqual(reset * 1000);
    expect(notices).toEqual([expect.stringMatching(/after HTTP 429 \(X-RateLimit-Reset: \d+ s\)$/)]);
  });

  it('holds back every monitor of the host, not only the one that was told', async () => {
    const p = path();
    const q = path();
    sim.json(p, { ok: true }).json(q, { ok: true }).rateLimitNext(p, 1, { seconds: 30 });
    await httpRequest(get(sim.url(p)), options({ name: 'first' }));
    await httpRequest(get(sim.url(q)), options({ name: 'second' }));
    expect(sim.requests(q)[0]!.at - sim.requests(p)[0]!.at).toBeGreaterThanOrEqual(30_000);
  });

  it('pauses the host when a success says the quota is spent', async () => {
    const p = path();
    sim.respond(p, { json: { ok: true }, headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': '12' } });
    await httpRequest(get(sim.url(p)), options());
    sim.json(p, { ok: true });
    await httpRequest(get(sim.url(p)), options());
    const [first, second] = sim.requests(p);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(12_000);
  });

  it('fails at once as rate-limited when the vendor asks for more time than the probe has', async () => {
    const p = path();
    sim.json(p, { ok: true }).rateLimitNext(p, 1, { seconds: 120 });
    const failed = await failure(httpRequest(get(sim.url(p)), options()));
    expect(failed.kind).toBe('rate-limited');
    expect(failed.message).toBe(
      `GET ${sim.url(p)} answered HTTP 429 (rate limited) (1 attempt; the vendor asked to wait 120 s (Retry-After), beyond the probe's time budget of 60 s)`,
    );
    expect(sim.count(p)).toBe(1);
    expect(clock.sleeps).toEqual([]);
    // The host stays held back: the next probe does not even ask.
    const next = await failure(httpRequest(get(sim.url(p)), options()));
    expect(next.kind).toBe('rate-limited');
    expect(next.message).toMatch(/asked to wait 1\d\d s \(Retry-After\), beyond the probe's time budget of 60 s$/);
    expect(sim.count(p)).toBe(1);
  });

  it('reports 429s that outlast the attempts as rate-limited', async () => {
    const p = path();
    sim.json(p, {}).rateLimitNext(p, 3, { seconds: 1 });
    const failed = await failure(httpRequest(get(sim.url(p)), options()));
    expect(failed.kind).toBe('rate-limited');
    expect(failed.message).toBe(`GET ${sim.url(p)} answered HTTP 429 (rate limited) (3 attempts)`);
  });
});

describe('jitter', () => {
  it('spreads the retries of probes that failed together over the whole backoff interval', async () => {
    const retry = { maxAttempts: 2, initialDelayMs: 1000, maxDelayMs: 1000, maxElapsedMs: 60_000, nonIdempotent: false };
    const paths = Array.from({ length: 40 }, () => path());
    for (const p of paths) sim.json(p, { ok: true }).failNext(p, 1, 503);
    await Promise.all(paths.map((p) => httpRequest(get(sim.url(p)), options({ retry }))));
    expect(clock.sleeps).toHaveLength(40);
    expect(clock.sleeps.every((d) => d >= 0 && d < 1000)).toBe(true);
    // Uniform on [0, 1000): the chance that 40 draws all miss a quarter is 2 × 0.75^40 ≈ 2e-5.
    expect(Math.min(...clock.sleeps)).toBeLessThan(250);
    expect(Math.max(...clock.sleeps)).toBeGreaterThanOrEqual(750);
    expect(new Set(clock.sleeps).size).toBeGreaterThan(30);
  });
});

describe('timeouts', () => {
  it('fails as timeout when no response head comes in time', async () => {
    const p = path();
    sim.json(p, { ok: true }).stallNext(p, 3000);
    const failed = await failure(httpRequest(get(sim.url(p), { headersTimeoutMs: 200, timeoutMs: 5000 }), options()));
    expect(failed.kind).toBe('timeout');
    expect(failed.message).toBe(`${sim.url(p)}: no response within 200 ms`);
    expect(sim.count(p)).toBe(1);
  });

  it('fails as timeout when the body stalls mid-stream', async () => {
    const p = path();
    sim.json(p, { ok: true }).stallBodyNext(p, 3000);
    const failed = await failure(httpRequest(get(sim.url(p), { bodyTimeoutMs: 300, timeoutMs: 5000 }), options()));
    expect(failed.kind).toBe('timeout');
    expect(failed.message).toMatch(new RegExp(`^${sim.url(p)}: the response body (did not arrive in full within|stalled for) 300 ms$`));
  });

  it('bounds the whole attempt by request.timeoutMs', async () => {
    const p = path();
    sim.json(p, { ok: true }).stallBodyNext(p, 3000);
    const failed = await failure(httpRequest(get(sim.url(p), { timeoutMs: 300, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 }), options()));
    expect(failed.kind).toBe('timeout');
    expect(failed.message).toBe(`${sim.url(p)}: did not answer in full within 300 ms`);
  });
});

describe('bodies', () => {
  it('refuses a body over the cap, declared or not', async () => {
    const p = path();
    sim.json(p, { ok: true }).oversizeNext(p, 200_000, true).oversizeNext(p, 200_000, false);
    for (let i = 0; i < 2; i++) {
      const failed = await failure(httpRequest(get(sim.url(p), { maxBodyBytes: 100_000 }), options()));
      expect(failed.kind).toBe('too-large');
      expect(failed.message).toBe(`GET ${sim.url(p)} sent a body over the 100000-byte cap (raise request.maxBodyBytes to accept it)`);
    }
    expect((await httpRequest(get(sim.url(p), { maxBodyBytes: 100_000 }), options())).status).toBe(200);
  });

  it('parses JSON content types only: an HTML error page is an invalid body that says what it is', async () => {
    const p = path();
    sim.json(p, { ok: true }).htmlNext(p).garbageNext(p);
    const shown = sim.url(p);
    const html = await httpRequest(get(shown), options());
    expect(() => parseJsonBody(html, shown)).toThrow(`${shown} answered text/html, not JSON (an HTML page, likely an error page)`);
    const garbage = await httpRequest(get(shown), options());
    expect(() => parseJsonBody(garbage, shown)).toThrow(/answered with a body that is not valid JSON/);
  });
});

describe('redirects', () => {
  it('follows redirects up to the limit; a redirect still there after it is a redirect loop', async () => {
    const p = path();
    const q = path();
    sim.json(q, { moved: true }).redirectNext(p, q, 1);
    expect(JSON.parse((await httpRequest(get(sim.url(p)), options())).body.toString())).toEqual({ moved: true });

    const r = path();
    sim.redirectNext(p, r, 1).redirectNext(r, q, 1);
    const failed = await failure(httpRequest(get(sim.url(p), { maxRedirects: 1 }), options()));
    expect(failed.kind).toBe('redirect-loop');
    expect(failed.message).toBe(`GET ${sim.url(p)} still answered HTTP 302 after 1 redirect, the limit of request.maxRedirects (a redirect loop?)`);
    expect(sim.count(r)).toBe(1);
    expect(sim.count(q)).toBe(1);
  });

  it('keeps an API key header on the same origin and drops it when a redirect leaves it', async () => {
    const p = path();
    const here = path();
    other.json('/elsewhere', { other: true });
    sim.json(here, { same: true }).redirectNext(p, here, 1).redirectNext(p, other.url('/elsewhere'), 1);
    const auth: AuthSpec = { type: 'apiKey', in: 'header', name: 'X-Api-Key', prefix: '', keys: ['key-not-real-5d1e'] };
    await httpRequest(get(sim.url(p)), options({ auth }));
    expect(sim.requests(here).at(-1)!.headers['x-api-key']).toBe('key-not-real-5d1e');
    await httpRequest(get(sim.url(p)), options({ auth }));
    expect(other.requests('/elsewhere').at(-1)!.headers['x-api-key']).toBeUndefined();
  });
});

describe('cancellation', () => {
  it('an aborted signal ends a Retry-After wait at once and rejects with its reason, not a failure', async () => {
    const real = createProbeRuntime();
    const p = path();
    sim.json(p, { ok: true }).rateLimitNext(p, 1, { seconds: 600 });
    const controller = new AbortController();
    const pending = httpRequest(get(sim.url(p)), {
      runtime: real,
      signal: controller.signal,
      monitor: settings({ retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1000, maxElapsedMs: 3_600_000, nonIdempotent: false } }),
    });
    while (sim.count(p) === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
    expect(sim.count(p)).toBe(1);
  });

  it('an aborted signal closes the socket of a request in flight', async () => {
    const p = path();
    sim.json(p, { ok: true }).stallBodyNext(p, 5000);
    const controller = new AbortController();
    const pending = httpRequest(get(sim.url(p)), { ...options(), signal: controller.signal });
    while (sim.count(p) === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });
});
