import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { dumpTables, type TableName } from '../helpers/dump-tables.js';
import { workspace } from '../helpers/monitor-files.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { chaosReport } from './report.js';
import { checkLines, lastRunOf } from './setup.js';
import { billionLaughsYaml, openApi, syntheticSpecText } from './specs.js';

const report = chaosReport('spec faults');
afterAll(() => report.print());

const MB = 1024 * 1024;
const CHARGE_SCHEMA = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, amount: { type: 'integer' } } };
const JSON_HEADERS = { 'content-type': 'application/json' };

interface SpecFault {
  name: string;
  fault: string;
  kind: string;
  arm: (route: string) => void;
  message: (url: string) => string;
  seen?: () => void;
}

describe('spec faults through driftwatch check', { timeout: 300_000 }, () => {
  const sim = new VendorSimulator();
  /** Another host, that external `$ref`s point to. */
  const schemas = new VendorSimulator();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;

  beforeAll(async () => {
    await Promise.all([sim.start(), schemas.start()]);
  });
  afterAll(async () => {
    await Promise.all([sim.stop(), schemas.stop()]);
  });

  const fresh = async () => {
    await ws?.remove();
    await db?.remove();
    ws = await workspace();
    db = await freshDatabase('pglite');
  };
  afterAll(async () => {
    await ws?.remove();
    await db?.remove();
  });
  const specMonitor = (name: string, url: string, ...lines: string[]) =>
    ws.write(`${name}.yaml`, [`name: ${name}`, 'kind: openapi', 'request:', `  url: ${url}`, ...lines].join('\n'));
  const check = () => runCli(['check'], { cwd: ws.dir, env: db.env });
  const tables = async (): Promise<Record<TableName, string[]>> => {
    const store = await db.open();
    try {
      return await dumpTables(store);
    } finally {
      await store.close();
    }
  };

  it('each fault of a spec document fails as its own kind, names the URL and the problem, keeps the baseline, and the next healthy check works', async () => {
    await fresh();
    const externalUrl = schemas.url('/params/common.json');
    const faults: SpecFault[] = [
      {
        name: 'alias-bomb',
        fault: 'YAML alias bomb (billion laughs)',
        kind: 'invalid-spec',
        arm: (route) => void sim.answerNext(route, { headers: { 'content-type': 'application/yaml' }, body: billionLaughsYaml() }),
        message: (url) => `${url}: cannot be read as YAML (Excessive alias count indicates a resource exhaustion attack)`,
      },
      {
        name: 'no-paths',
        fault: 'invalid OpenAPI document (no paths)',
        kind: 'invalid-spec',
        arm: (route) => void sim.answerNext(route, { headers: JSON_HEADERS, body: JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' } }) }),
        message: (url) => `${url}: has no \`paths\` object`,
      },
      {
        name: 'dangling-ref',
        fault: 'invalid OpenAPI document (a $ref to nothing)',
        kind: 'invalid-spec',
        arm: (route) => {
          const doc = openApi(CHARGE_SCHEMA) as { paths: Record<string, { get: { responses: Record<string, unknown> } }> };
          doc.paths['/v1/charges/{id}']!.get.responses['200'] = { $ref: '#/components/responses/Missing' };
          sim.answerNext(route, { headers: JSON_HEADERS, body: JSON.stringify(doc) });
        },
        message: (url) => `${url}: paths/~1v1~1charges~1{id}/get/responses/200: $ref "#/components/responses/Missing" points at nothing in the document`,
      },
      {
        name: 'not-openapi',
        fault: 'a JSON document that is no API description',
        kind: 'invalid-spec',
        arm: (route) => void sim.answerNext(route, { headers: JSON_HEADERS, body: '{"title":"Status page","status":"ok"}' }),
        message: (url) => `${url}: is not an OpenAPI or Swagger document (no \`openapi: 3.x\` or \`swagger: "2.0"\` field)`,
      },
      {
        name: 'external-parameter',
        fault: 'external $ref (another host) in a parameter, not allowed',
        kind: 'invalid-spec',
        arm: (route) => {
          const doc = openApi(CHARGE_SCHEMA) as { paths: Record<string, { get: { parameters: unknown[] } }> };
          doc.paths['/v1/charges/{id}']!.get.parameters.push({ $ref: `${externalUrl}#/parameters/Expand` });
          sim.answerNext(route, { headers: JSON_HEADERS, body: JSON.stringify(doc) });
        },
        message: (url) =>
          `${url}: paths/~1v1~1charges~1{id}/get/parameters/1: external $ref "${externalUrl}#/parameters/Expand" is not followed (external references are off); list its URL prefix in the monitor's externalRefs to fetch it`,
        seen: () => expect(schemas.count('/params/common.json')).toBe(0),
      },
      {
        name: 'spec-50mb',
        fault: 'a 50 MB spec',
        kind: 'too-large',
        arm: (route) => void sim.answerNext(route, { headers: JSON_HEADERS, body: syntheticSpecText(50 * MB) }),
        message: (url) => `GET ${url} sent a body over the 33554432-byte cap (raise request.maxBodyBytes to accept it)`,
      },
      {
        name: 'spec-deep',
        fault: 'a spec nested 10,000 levels deep',
        kind: 'too-deep',
        arm: (route) => void sim.answerNext(route, { headers: JSON_HEADERS, body: JSON.stringify(openApi(CHARGE_SCHEMA)).replace(/}$/, `,"x-deep":${'['.repeat(10_000)}${']'.repeat(10_000)}}`) }),
        message: (url) => `${url} answered with a document nested deeper than 256 levels`,
      },
      {
        name: 'spec-yaml-deep',
        fault: 'a YAML spec nested 10,000 levels deep',
        kind: 'too-deep',
        arm: (route) => void sim.answerNext(route, { headers: { 'content-type': 'application/yaml' }, body: `openapi: 3.0.3\nx-deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n` }),
        message: (url) => `${url}: nests arrays and objects deeper than can be read`,
      },
      {
        name: 'spec-html',
        fault: 'an HTML page instead of the spec',
        kind: 'not-json',
        arm: (route) => void sim.htmlNext(route),
        message: (url) => `${url} answered text/html, not an API description (an HTML page, likely an error page)`,
      },
      {
        name: 'spec-empty',
        fault: 'an empty spec body',
        kind: 'empty-body',
        arm: (route) => void sim.answerNext(route, { headers: { 'content-type': 'application/yaml' }, body: '\n' }),
        message: (url) => `${url} answered HTTP 200 with an empty body`,
      },
    ];
    const routeOf = (fault: SpecFault) => `/specs/${fault.name}`;
    for (const fault of faults) {
      sim.json(routeOf(fault), openApi(CHARGE_SCHEMA));
      await specMonitor(fault.name, sim.url(routeOf(fault)));
    }
    const first = await check();
    expect(first.stderr).toBe('');
    expect(first.code, first.stdout).toBe(0);
    const before = await tables();
    expect(before.baselines).toHaveLength(faults.length);

    for (const fault of faults) fault.arm(routeOf(fault));
    const faulty = await check();
    expect(faulty.stderr).toBe('');
    expect(faulty.code, faulty.stdout).toBe(2);
    const lines = checkLines(faulty.stdout);
    const during = await tables();
    const lastRun = lastRunOf(during);
    for (const fault of faults) {
      const url = sim.url(routeOf(fault));
      let held = false;
      try {
        const message = fault.message(url);
        expect(lines.get(fault.name)).toBe(`${fault.name}  FAILED  could not check (${fault.kind}): ${message}`);
        expect(lastRun(fault.name)).toMatchObject({ outcome: 'failure', failure_kind: fault.kind, failure_message: message });
        fault.seen?.();
        held = true;
      } finally {
        report.record(fault.fault, `fails as ${fault.kind}, baseline kept`, held);
      }
    }
    expect(lines.size).toBe(faults.length);
    expect(during.baselines).toEqual(before.baselines);
    expect(during.schemas).toEqual(before.schemas);
    expect(during.drift_events).toEqual([]);

    const healthy = await check();
    expect(healthy.stderr).toBe('');
    expect(healthy.code, healthy.stdout).toBe(0);
    expect(healthy.stdout.trim().split('\n').map((line) => line.split('  ').slice(0, 2).join('  '))).toEqual(faults.map((f) => f.name).sort().map((name) => `${name}  OK`));
    const after = await tables();
    expect(after.baselines).toEqual(before.baselines);
    expect(after.schemas).toEqual(before.schemas);
    report.record('a healthy check after every spec fault', 'every monitor OK against its unchanged baseline', true);
  });

  it('reads a spec with circular $refs: a baseline, a quiet check, and a change inside the cycle reported', async () => {
    await fresh();
    let held = false;
    try {
      const cyclic = (nameType: string) =>
        openApi(
          { $ref: '#/components/schemas/Node' },
          {
            components: {
              schemas: {
                Node: { type: 'object', required: ['name'], properties: { name: { type: nameType }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, owner: { $ref: '#/components/schemas/Owner' } } },
                Owner: { type: 'object', properties: { nodes: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
                Loop: { $ref: '#/components/schemas/Loop' },
              },
            },
          },
        );
      sim.json('/specs/cyclic', cyclic('string'));
      await specMonitor('cyclic', sim.url('/specs/cyclic'));
      const first = await check();
      expect(first.stderr).toBe('');
      expect(first.stdout).toBe('cyclic  BASELINE  baseline recorded (version 1); later checks compare against it\n');
      const quiet = await check();
      expect(quiet.code, quiet.stdout).toBe(0);
      expect(quiet.stdout).toMatch(/^cyclic {2}OK/);

      sim.json('/specs/cyclic', cyclic('integer'));
      const drift = await check();
      expect(drift.stderr).toBe('');
      expect(drift.code, drift.stdout).toBe(1);
      expect(drift.stdout).toContain('response-type-changed');
      expect(drift.stdout).toContain('GET /v1/charges/{id}');
      expect((await tables()).baselines).toHaveLength(1);
      held = true;
    } finally {
      report.record('circular $refs (self, mutual, a bare self-reference)', 'baseline recorded, drift inside the cycle reported', held);
    }
  });

  it('fetches no external $ref by default, names the refs it left, and follows them only under the prefixes a monitor allows', async () => {
    await fresh();
    const moneyUrl = schemas.url('/schemas/money.json');
    const money = (amountType: string) => ({ components: { schemas: { Money: { type: 'object', required: ['amount'], properties: { amount: { type: amountType }, currency: { $ref: '#/components/schemas/Currency' } } }, Currency: { type: 'string' } } } });
    schemas.json('/schemas/money.json', money('integer'));
    const spec = openApi({ type: 'object', required: ['id'], properties: { id: { type: 'string' }, price: { $ref: `${moneyUrl}#/components/schemas/Money` } } });
    sim.json('/specs/priced', spec);
    await specMonitor('priced-default', sim.url('/specs/priced'));
    await specMonitor('priced-elsewhere', sim.url('/specs/priced'), 'externalRefs:', '  - https://schemas.example.com/');
    await specMonitor('priced-allowed', sim.url('/specs/priced'), 'externalRefs:', `  - ${schemas.url('/schemas/')}`);

    let offHeld = false;
    let allowedHeld = false;
    try {
      const note = `  note: 1 external $ref was not followed ("${moneyUrl}#/components/schemas/Money"): schemas behind them are compared by reference only; list their URL prefixes in externalRefs to fetch them`;
      const first = await check();
      expect(first.stderr).toBe('');
      expect(first.code, first.stdout).toBe(0);
      expect(first.stdout.split('\n')).toEqual([
        'priced-allowed  BASELINE  baseline recorded (version 1); later checks compare against it',
        'priced-default  BASELINE  baseline recorded (version 1); later checks compare against it',
        note,
        'priced-elsewhere  BASELINE  baseline recorded (version 1); later checks compare against it',
        note,
        '',
      ]);
      // Only the monitor that allows the schemas host fetched from it, once.
      expect(schemas.count('/schemas/money.json')).toBe(1);
      offHeld = true;

      schemas.json('/schemas/money.json', money('string'));
      const drift = await check();
      expect(drift.stderr).toBe('');
      expect(drift.code, drift.stdout).toBe(1);
      const [allowed, ...rest] = drift.stdout.split(/\n(?=priced-)/);
      expect(allowed).toMatch(/^priced-allowed {2}DRIFT/);
      expect(allowed).toContain('response-type-changed');
      expect(allowed).toContain('/price/properties/amount');
      expect(rest.map((r) => r.split('\n')[0])).toEqual([expect.stringMatching(/^priced-default {2}OK/), expect.stringMatching(/^priced-elsewhere {2}OK/)]);
      expect(schemas.count('/schemas/money.json')).toBe(2);
      const stored = (await tables()).schemas.join('\n');
      expect(stored).toContain('x-driftwatch-external');
      allowedHeld = true;
    } finally {
      report.record('external $ref to another host, default monitor', 'not fetched; a note names the ref', offHeld);
      report.record('external $ref under an allowed externalRefs prefix', 'fetched, kept in the baseline, its change reported', allowedHeld);
    }
  });
});
