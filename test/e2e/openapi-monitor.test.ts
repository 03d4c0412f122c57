import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { workspace } from '../helpers/monitor-files.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { baseSpec } from '../spec/fixtures.js';

const TOKEN = 'spec-token-not-real-51c2e0';

function withoutOperation(): Record<string, any> {
  const doc = baseSpec();
  delete doc.paths['/charges/{id}'];
  return doc;
}

function withoutAmount(): Record<string, any> {
  const doc = baseSpec();
  delete doc.components.schemas.Charge.properties.amount;
  doc.components.schemas.Charge.required = ['id'];
  return doc;
}

// Every step is a CLI process opening an embedded database: on a busy machine a scenario takes minutes.
describe('kind: openapi monitors through driftwatch check', { timeout: 240_000 }, () => {
  const sim = new VendorSimulator();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;
  const cli = (...args: string[]) => runCli(args, { cwd: ws.dir, env: { ...db.env, VENDOR_TOKEN: TOKEN } });
  const serveJson = (doc: unknown) => sim.json('/openapi.json', doc);
  const serveYaml = (doc: unknown) => sim.respond('/openapi.yaml', { raw: stringify(doc), headers: { 'content-type': 'application/yaml' } });

  beforeAll(async () => {
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(async () => {
    ws = await workspace();
    db = await freshDatabase('pglite');
    sim.requireTokens('/openapi.json', [TOKEN]);
    await ws.write(
      'payments-api.yaml',
      ['name: payments-api', 'kind: openapi', 'request:', `  url: ${sim.url('/openapi.json')}`, '  headers:', '    Authorization: Bearer ${VENDOR_TOKEN}'].join('\n'),
    );
  });
  afterEach(async () => {
    await ws?.remove();
    await db?.remove();
  });

  it('records the spec as baseline, stays quiet while it is unchanged, and reports a removed operation and a removed field', async () => {
    serveJson(baseSpec());
    const first = await cli('check');
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('payments-api  BASELINE  baseline recorded (version 1); later checks compare against it\n');
    expect(first.code).toBe(0);
    expect(sim.requests('/openapi.json').at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);

    const unchanged = await cli('check');
    expect(unchanged.stdout).toBe('payments-api  OK  matches baseline v1\n');
    expect(unchanged.code).toBe(0);

    serveJson(withoutOperation());
    const removed = await cli('check', '--format', 'json');
    expect(removed.code).toBe(1);
    expect(JSON.parse(removed.stdout)).toEqual({
      summary: { breaking: 1, warning: 0, info: 0 },
      changes: [
        {
          monitor: 'payments-api',
          id: 'request-operation-removed',
          level: 'breaking',
          path: '',
          operation: 'GET /charges/{id}',
          message: 'operation GET /charges/{id} was removed',
          before: { operationId: 'getCharge', deprecated: false },
          after: null,
        },
      ],
      monitors: [{ name: 'payments-api', status: 'drift', baselineVersion: 1, summary: { breaking: 1, warning: 0, info: 0 } }],
    });

    serveJson(withoutAmount());
    const field = await cli('check');
    expect(field.code).toBe(1);
    expect(field.stdout).toContain('payments-api  DRIFT  differs from baseline v1: 3 breaking, 0 warning, 0 info');
    expect(field.stdout).toContain('BREAKING response-property-removed  GET /charges/{id} /responses/200/content/application~1json/schema/properties/amount');
    expect(field.stdout).toContain('BREAKING response-property-removed  GET /charges /responses/200/content/application~1json/schema/properties/data/items/properties/amount');
    expect(field.stdout).toContain('BREAKING response-property-removed  POST /charges /responses/201/content/application~1json/schema/properties/amount');

    expect((await cli('accept', 'payments-api')).code).toBe(0);
    expect((await cli('check')).stdout).toBe('payments-api  OK  matches baseline v2\n');
  });

  it('reads a YAML spec and reports only the operations a monitor lists', async () => {
    await ws.write(
      'payments-api.yaml',
      ['name: payments-api', 'kind: openapi', 'request:', `  url: ${sim.url('/openapi.yaml')}`, 'operations:', '  - POST /charges'].join('\n'),
    );
    serveYaml(baseSpec());
    expect((await cli('check')).code).toBe(0);

    // GET /charges/{id} is gone, but the monitor does not call it.
    serveYaml(withoutOperation());
    const other = await cli('check');
    expect(other.stdout).toBe('payments-api  OK  matches baseline v1\n');
    expect(other.code).toBe(0);

    serveYaml(withoutAmount());
    const mine = await cli('check', '--format', 'json');
    expect(mine.code).toBe(1);
    const report = JSON.parse(mine.stdout) as { changes: { id: string; operation: string; path: string }[] };
    expect(report.changes.map((c) => [c.id, c.operation, c.path])).toEqual([
      ['response-property-removed', 'POST /charges', '/responses/201/content/application~1json/schema/properties/amount'],
    ]);
  });

  it('refuses a first baseline when a listed operation is not in the spec, and treats a non-spec answer as a failed probe', async () => {
    await ws.write('payments-api.yaml', ['name: payments-api', 'kind: openapi', 'request:', `  url: ${sim.url('/openapi.yaml')}`, 'operations:', '  - GET /chargez'].join('\n'));
    serveYaml(baseSpec());
    const typo = await cli('check');
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe(`payments-api  FAILED  could not check (invalid-monitor): monitor "payments-api": GET /chargez is not in ${sim.url('/openapi.yaml')}\n`);

    await ws.write('payments-api.yaml', ['name: payments-api', 'kind: openapi', 'request:', `  url: ${sim.url('/openapi.yaml')}`].join('\n'));
    sim.respond('/openapi.yaml', { raw: 'title: not an API description\n', headers: { 'content-type': 'application/yaml' } });
    const notSpec = await cli('check');
    expect(notSpec.code).toBe(2);
    expect(notSpec.stdout).toContain('could not check (invalid-spec)');
    expect(notSpec.stdout).toContain('is not an OpenAPI or Swagger document');
  });
});
