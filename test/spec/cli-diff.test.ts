import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { baseSpec } from './fixtures.js';

/** v2 of the base spec: `limit` deprecated on GET /charges, a required `currency` on POST /charges. */
function v2(): Record<string, any> {
  const doc = baseSpec();
  doc.paths['/charges'].get.parameters[0].deprecated = true;
  const body = doc.paths['/charges'].post.requestBody.content['application/json'].schema;
  body.properties.currency = { type: 'string' };
  body.required.push('currency');
  return doc;
}

describe('driftwatch diff on API descriptions', { timeout: 120_000 }, () => {
  const sim = new VendorSimulator();
  let dir: string;
  let v1Json: string;
  let v2Yaml: string;

  beforeAll(async () => {
    await sim.start();
    dir = await mkdtemp(join(tmpdir(), 'driftwatch-specdiff-'));
    v1Json = join(dir, 'v1.json');
    v2Yaml = join(dir, 'v2.yaml');
    await writeFile(v1Json, JSON.stringify(baseSpec()));
    await writeFile(v2Yaml, stringify(v2()));
    await writeFile(join(dir, 'broken.yaml'), 'openapi: 3.0.0\npaths: [\n');
  });
  afterAll(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('compares a JSON and a YAML version: text names the operation, exit 1 on a breaking change', async () => {
    const result = await runCli(['diff', v1Json, v2Yaml]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        '1 breaking, 1 warning, 0 info',
        '  BREAKING request-required-property-added  POST /charges /requestBody/content/application~1json/schema/properties/currency',
        '           new required property `currency` at /requestBody/content/application~1json/schema: requests without it are now invalid',
        '           (absent) → {"type":"string"}',
        '  WARNING  request-parameter-deprecated  GET /charges /parameters/query/limit/deprecated',
        '           query parameter `limit` is now deprecated',
        '           false → true',
        '',
      ].join('\n'),
    );
  });

  it('narrows with --operations, and --fail-on warning fails on a warning', async () => {
    const narrowed = await runCli(['diff', v1Json, v2Yaml, '--operations', 'get /charges', '--format', 'json']);
    expect(narrowed.code).toBe(0);
    expect(JSON.parse(narrowed.stdout)).toEqual({
      summary: { breaking: 0, warning: 1, info: 0 },
      changes: [
        {
          id: 'request-parameter-deprecated',
          level: 'warning',
          path: '/parameters/query/limit/deprecated',
          operation: 'GET /charges',
          message: 'query parameter `limit` is now deprecated',
          before: false,
          after: true,
        },
      ],
    });
    const strict = await runCli(['diff', v1Json, v2Yaml, '--operations', 'GET /charges', '--fail-on', 'warning']);
    expect(strict.code).toBe(1);
    const unknown = await runCli(['diff', v1Json, v2Yaml, '--operations', 'GET /refunds']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('driftwatch: --operations: GET /refunds is in neither document\n');
  });

  it('writes markdown with an operation column, and reads specs from URLs', async () => {
    sim.json('/v1.json', baseSpec());
    sim.respond('/v2.yaml', { raw: stringify(v2()), headers: { 'content-type': 'text/yaml' } });
    const result = await runCli(['diff', sim.url('/v1.json'), sim.url('/v2.yaml'), '--format', 'markdown']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('| level | rule | operation | path | change | before | after |');
    expect(result.stdout).toContain('| breaking | `request-required-property-added` | POST /charges | `/requestBody/content/application~1json/schema/properties/currency` |');
  });

  it('reports nothing for a spec compared with itself, and names the file of an invalid one', async () => {
    const same = await runCli(['diff', v1Json, v1Json]);
    expect([same.code, same.stdout]).toEqual([0, 'no changes\n']);
    const broken = await runCli(['diff', v1Json, join(dir, 'broken.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^driftwatch: ${join(dir, 'broken.yaml').replace(/[.]/g, '\\.')}: not valid YAML`));
    const missing = await runCli(['diff', v1Json, sim.url('/nothing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`driftwatch: GET ${sim.url('/nothing.json')} answered HTTP 404\n`);
  });

  it('refuses a document nested 10,000 levels deep with a message naming it, not a stack overflow', async () => {
    const deep = join(dir, 'deep.json');
    await writeFile(deep, `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    const result = await runCli(['diff', v1Json, deep]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`driftwatch: ${deep}: nests arrays and objects deeper than 256 levels, which driftwatch does not read\n`);
    const deepYaml = join(dir, 'deep.yaml');
    await writeFile(deepYaml, `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    const yaml = await runCli(['diff', v1Json, deepYaml]);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toBe(`driftwatch: ${deepYaml}: nests arrays and objects too deep to be read\n`);
  });
});
