import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildMonitor, parseMonitorText } from '../../src/config/load.js';
import { runCheck } from '../../src/check/runCheck.js';
import { createProbeRuntime } from '../../src/probe/runtime.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { dumpTables, type TableName } from '../helpers/dump-tables.js';
import { workspace } from '../helpers/monitor-files.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { chaosReport } from './report.js';
import { checkLines, lastRunOf } from './setup.js';
import { selfSignedCertificate } from './tls-certificate.js';

const report = chaosReport('vendor faults');
afterAll(() => report.print());

const CHARGE = { id: 'ch_1', amount: 100, currency: 'usd', paid: true };
const MB = 1024 * 1024;

/** One vendor fault: the monitor that meets it, how the vendor misbehaves, and what the check must say. */
interface VendorFault {
  /** Monitor name (and, as `/v1/<name>`, its route on the simulator). */
  name: string;
  fault: string;
  kind: string;
  /** Sets the fault up for the next check; returns the URL the monitor probes during it (default: its route). */
  arm: (route: string) => string | void;
  /** The failure message, after `could not check (<kind>): `. */
  message: (url: string) => string | RegExp;
  /** More monitor file lines (request settings go under `request:`). */
  request?: string[];
  extra?: string[];
  /** After the check: what the simulator must have seen. */
  seen?: (route: string) => void;
}

describe('vendor faults through driftwatch check', () => {
  const sim = new VendorSimulator();
  let tlsSim: VendorSimulator;
  let refusedUrl = '';
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;

  beforeAll(async () => {
    tlsSim = new VendorSimulator({ tls: await selfSignedCertificate() });
    const closed = new VendorSimulator();
    await Promise.all([sim.start(), tlsSim.start(), closed.start()]);
    refusedUrl = closed.url('/v1/refused');
    await closed.stop();
    ws = await workspace();
    db = await freshDatabase('pglite');
  });
  afterAll(async () => {
    await Promise.all([sim.stop(), tlsSim?.stop()]);
    await ws?.remove();
    await db?.remove();
  });

  const faults: VendorFault[] = [
    {
      name: 'garbage-json',
      fault: 'garbage body with 200 and a JSON content type',
      kind: 'invalid-json',
      arm: (route) => void sim.answerNext(route, { headers: { 'content-type': 'application/json' }, body: Buffer.from([0x00, 0xff, 0x7b, 0x13, 0x22, 0x8a]) }),
      message: (url) => new RegExp(`^${escape(url)} answered with a body that is not valid JSON \\(.+\\)$`),
    },
    {
      name: 'truncated-json',
      fault: 'JSON cut short with 200',
      kind: 'invalid-json',
      arm: (route) => void sim.garbageNext(route),
      message: (url) => new RegExp(`^${escape(url)} answered with a body that is not valid JSON \\(.+\\)$`),
    },
    {
      name: 'html-page',
      fault: 'HTML error page with 200',
      kind: 'not-json',
      arm: (route) => void sim.htmlNext(route),
      message: (url) => `${url} answered text/html, not JSON (an HTML page, likely an error page)`,
    },
    {
      name: 'empty-body',
      fault: 'empty body with 200',
      kind: 'empty-body',
      arm: (route) => void sim.answerNext(route, { headers: { 'content-type': 'application/json' }, body: '' }),
      message: (url) => `${url} answered HTTP 200 with an empty body`,
    },
    {
      name: 'xml-content-type',
      fault: 'wrong content type (application/xml)',
      kind: 'not-json',
      arm: (route) => void sim.answerNext(route, { headers: { 'content-type': 'application/xml' }, body: '<error>down for maintenance</error>' }),
      message: (url) => `${url} answered application/xml, not JSON`,
    },
    {
      name: 'deep-nesting',
      fault: '10,000 levels of nesting',
      kind: 'too-deep',
      arm: (route) => void sim.answerNext(route, { headers: { 'content-type': 'application/json' }, body: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` }),
      message: (url) => `${url} answered with a document nested deeper than 256 levels`,
    },
    {
      name: 'huge-declared',
      fault: '100 MB body with Content-Length',
      kind: 'too-large',
      arm: (route) => void sim.oversizeNext(route, 100 * MB, true),
      message: (url) => `GET ${url} sent a body over the 10485760-byte cap (raise request.maxBodyBytes to accept it)`,
      seen: (route) => {
        const answer = sim.requests(route).at(-1)!;
        expect(answer.closedEarly).toBe(true);
        expect(answer.sentBytes).toBeLessThan(20 * MB);
      },
    },
    {
      name: 'slow-drip',
      fault: 'slow-drip body (a byte every 50 ms)',
      kind: 'timeout',
      arm: (route) => void sim.dripNext(route, 50, 10_000),
      message: (url) => `${url}: did not answer in full within 1500 ms`,
      request: ['  timeoutMs: 1500'],
      seen: (route) => {
        const answer = sim.requests(route).at(-1)!;
        expect(answer.closedEarly).toBe(true);
        expect(answer.sentBytes).toBeLessThan(10_000);
      },
    },
    {
      name: 'reset-before-head',
      fault: 'connection reset before the answer (each attempt)',
      kind: 'connection-reset',
      arm: (route) => void sim.resetNext(route).resetNext(route).resetNext(route),
      message: (url) => `${url}: the connection was reset (UND_ERR_SOCKET, other side closed) (3 attempts)`,
      extra: ['retry:', '  initialDelayMs: 10'],
      seen: (route) => expect(sim.requests(route).slice(-3).map((r) => r.status)).toEqual([0, 0, 0]),
    },
    {
      name: 'reset-mid-body',
      fault: 'connection cut in the middle of the body',
      kind: 'connection-reset',
      arm: (route) => void sim.resetMidBodyNext(route).resetMidBodyNext(route).resetMidBodyNext(route),
      message: (url) => new RegExp(`^${escape(url)}: the connection was reset \\(UND_ERR_SOCKET, other side closed\\)`),
      extra: ['retry:', '  initialDelayMs: 10'],
    },
    {
      name: 'dns-failure',
      fault: 'DNS failure (host under .invalid)',
      kind: 'dns',
      arm: () => 'http://vendor.invalid/v1/charges',
      message: () => /^cannot resolve vendor\.invalid for http:\/\/vendor\.invalid\/v1\/charges: (ENOTFOUND|EAI_AGAIN)/,
      extra: ['retry:', '  initialDelayMs: 10'],
    },
    {
      name: 'tls-self-signed',
      fault: 'TLS error (self-signed certificate)',
      kind: 'tls',
      arm: (route) => {
        tlsSim.json(route, CHARGE);
        return tlsSim.url(route);
      },
      message: (url) => `${url}: TLS failed (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate)`,
      seen: (route) => expect(tlsSim.count(route)).toBe(0),
    },
    {
      name: 'redirect-to-itself',
      fault: 'redirect loop (back to the same URL)',
      kind: 'redirect-loop',
      arm: (route) => void sim.redirectNext(route, route),
      message: (url) => `${url}: a redirect led back to a URL already visited (a redirect loop)`,
      // The baseline's request and one more: the loop is seen from the Location, not followed.
      seen: (route) => expect(sim.count(route)).toBe(2),
    },
    {
      name: 'redirect-chain',
      fault: 'redirects beyond request.maxRedirects (changing URLs)',
      kind: 'redirect-loop',
      arm: (route) => {
        for (let hop = 0; hop < 4; hop++) sim.redirectNext(hop === 0 ? route : `${route}/${hop}`, `${route}/${hop + 1}`);
      },
      message: (url) => `GET ${url} still answered HTTP 302 after 3 redirects, the limit of request.maxRedirects (a redirect loop?)`,
      request: ['  maxRedirects: 3'],
      seen: (route) => expect(sim.count(`${route}/4`)).toBe(0),
    },
    {
      name: 'connection-refused',
      fault: 'connection refused',
      kind: 'network',
      arm: () => refusedUrl,
      message: () => `cannot reach ${refusedUrl}: ECONNREFUSED (3 attempts)`,
      extra: ['retry:', '  initialDelayMs: 10'],
    },
  ];

  const routeOf = (fault: VendorFault) => `/v1/${fault.name}`;
  const writeMonitor = (fault: VendorFault, url: string) =>
    ws.write(
      `${fault.name}.yaml`,
      [
        `name: ${fault.name}`,
        'kind: endpoint',
        'request:',
        `  url: ${url}`,
        ...(fault.request ?? []),
        ...(fault.extra ?? []),
        // Every monitor of the simulator's host fails in a row here: the breaker would turn the later ones into vendor-unavailable.
        'circuitBreaker:',
        '  threshold: 100',
        'rateLimit:',
        '  rps: 100',
        '  burst: 100',
      ].join('\n'),
    );
  const check = () => runCli(['check'], { cwd: ws.dir, env: db.env });
  const tables = async (): Promise<Record<TableName, string[]>> => {
    const store = await db.open();
    try {
      return await dumpTables(store);
    } finally {
      await store.close();
    }
  };

  it('each fault fails its probe as its own kind, exits 2 naming monitor and URL, leaves the baselines alone, and the next healthy check works', async () => {
    for (const fault of faults) {
      sim.json(routeOf(fault), CHARGE);
      await writeMonitor(fault, sim.url(routeOf(fault)));
    }
    const first = await check();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const before = await tables();
    expect(before.baselines).toHaveLength(faults.length);

    const faultUrls = new Map<string, string>();
    for (const fault of faults) {
      const url = fault.arm(routeOf(fault)) ?? sim.url(routeOf(fault));
      faultUrls.set(fault.name, url);
      if (url !== sim.url(routeOf(fault))) await writeMonitor(fault, url);
    }
    const faulty = await check();
    expect(faulty.stderr).toBe('');
    expect(faulty.code, faulty.stdout).toBe(2);
    const lines = checkLines(faulty.stdout);
    const during = await tables();
    const lastRun = lastRunOf(during);

    for (const fault of faults) {
      const url = faultUrls.get(fault.name)!;
      const prefix = `${fault.name}  FAILED  could not check (${fault.kind}): `;
      const line = lines.get(fault.name) ?? '';
      const expected = fault.message(url);
      let held = false;
      try {
        expect(line.startsWith(prefix), line).toBe(true);
        expect(line).toContain(url);
        const message = line.slice(prefix.length);
        if (typeof expected === 'string') expect(message).toBe(expected);
        else expect(message).toMatch(expected);
        expect(lastRun(fault.name)).toMatchObject({ outcome: 'failure', failure_kind: fault.kind, failure_message: message });
        if (fault.seen) await vi.waitFor(() => fault.seen!(routeOf(fault)), { timeout: 5000 });
        held = true;
      } finally {
        report.record(fault.fault, `fails as ${fault.kind}, baseline kept`, held);
      }
    }
    expect(lines.size).toBe(faults.length);
    expect(during.baselines).toEqual(before.baselines);
    expect(during.schemas).toEqual(before.schemas);
    expect(during.drift_events).toEqual([]);

    for (const fault of faults) await writeMonitor(fault, sim.url(routeOf(fault)));
    const healthy = await check();
    expect(healthy.stderr).toBe('');
    expect(healthy.code, healthy.stdout).toBe(0);
    expect(healthy.stdout.trim().split('\n').map((line) => line.split('  ').slice(0, 2).join('  '))).toEqual(
      faults.map((f) => `${f.name}  OK`).sort(),
    );
    const after = await tables();
    expect(after.baselines).toEqual(before.baselines);
    expect(after.schemas).toEqual(before.schemas);
    report.record('a healthy check after every fault', 'every monitor OK against its unchanged baseline', true);
  });

  it('refuses a 100 MB body streamed without Content-Length at the cap, without reading the rest or holding it in memory', async () => {
    const route = '/v1/huge-streamed';
    sim.json(route, CHARGE);
    const monitor = buildMonitor(parseMonitorText(['name: huge-streamed', 'kind: endpoint', 'request:', `  url: ${sim.url(route)}`].join('\n'), 'huge-streamed.yaml'), 'huge-streamed.yaml', {});
    const store = await db.open();
    let held = false;
    try {
      const http = { runtime: createProbeRuntime() };
      expect((await runCheck(monitor, { store, http })).status).toBe('baseline');
      const baselinesBefore = (await dumpTables(store)).baselines;

      sim.oversizeNext(route, 100 * MB, false);
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      const result = await runCheck(monitor, { store, http });
      const rssGrowth = process.memoryUsage().rss - rssBefore;
      expect(result).toMatchObject({
        status: 'failure',
        failure: { kind: 'too-large', message: `GET ${sim.url(route)} sent a body over the 10485760-byte cap (raise request.maxBodyBytes to accept it)` },
      });
      await vi.waitFor(() => expect(sim.requests(route).at(-1)!.closedEarly).toBe(true));
      // What went over the wire before the probe hung up: the cap and what was in flight, far from 100 MB.
      expect(sim.requests(route).at(-1)!.sentBytes).toBeLessThan(40 * MB);
      // The probe holds at most the cap (10 MB, twice while it is joined): nothing near 100 MB.
      expect(rssGrowth).toBeLessThan(60 * MB);
      expect((await dumpTables(store)).baselines).toEqual(baselinesBefore);
      expect((await runCheck(monitor, { store, http })).status).toBe('ok');
      held = true;
    } finally {
      await store.close();
      report.record('100 MB body without Content-Length', 'fails as too-large at the 10 MB cap, rest unread', held);
    }
  });
});

describe('vendor faults and the circuit breaker', () => {
  it('opens a host\'s circuit on DNS, TLS and reset failures, never on a redirect loop', async () => {
    const tls = new VendorSimulator({ tls: await selfSignedCertificate() });
    const resets = new VendorSimulator();
    const loops = new VendorSimulator();
    await Promise.all([tls.start(), resets.start(), loops.start()]);
    const db = await freshDatabase('pglite');
    const store = await db.open();
    const http = { runtime: createProbeRuntime() };
    const monitorAt = (name: string, url: string) =>
      buildMonitor(
        parseMonitorText([`name: ${name}`, 'kind: endpoint', 'request:', `  url: ${url}`, 'retry:', '  maxAttempts: 1', 'circuitBreaker:', '  threshold: 1'].join('\n'), `${name}.yaml`),
        `${name}.yaml`,
        {},
      );
    try {
      resets.json('/v1/r', CHARGE).resetNext('/v1/r').resetNext('/v1/r');
      loops.json('/v1/l', CHARGE).redirectNext('/v1/l', '/v1/l').redirectNext('/v1/l', '/v1/l');
      const cases = [
        { fault: 'DNS failure', monitor: monitorAt('breaker-dns', 'http://vendor.invalid/v1/x'), first: 'dns', second: 'vendor-unavailable' },
        { fault: 'TLS error', monitor: monitorAt('breaker-tls', tls.url('/v1/t')), first: 'tls', second: 'vendor-unavailable' },
        { fault: 'connection reset', monitor: monitorAt('breaker-reset', resets.url('/v1/r')), first: 'connection-reset', second: 'vendor-unavailable' },
        { fault: 'redirect loop', monitor: monitorAt('breaker-loop', loops.url('/v1/l')), first: 'redirect-loop', second: 'redirect-loop' },
      ];
      for (const c of cases) {
        let held = false;
        try {
          expect((await runCheck(c.monitor, { store, http })).failure?.kind).toBe(c.first);
          expect((await runCheck(c.monitor, { store, http })).failure?.kind).toBe(c.second);
          held = true;
        } finally {
          report.record(`${c.fault}, twice, breaker threshold 1`, c.second === 'vendor-unavailable' ? 'opens the circuit' : 'leaves the circuit closed', held);
        }
      }
      expect(resets.count('/v1/r')).toBe(1);
      expect(loops.count('/v1/l')).toBe(2);
      expect((await dumpTables(store)).baselines).toEqual([]);
    } finally {
      await store.close();
      await db.remove();
      await Promise.all([tls.stop(), resets.stop(), loops.stop()]);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
