import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildMonitor, loadMonitorDirectory, loadMonitorFile, parseMonitorText } from '../../src/config/load.js';
import { MonitorConfigError } from '../../src/config/errors.js';
import { runCli } from '../helpers/cli.js';
import { workspace } from '../helpers/monitor-files.js';

const valid = { name: 'charges', kind: 'endpoint', request: { url: 'https://api.example.com/v1/charges' } };

function problems(document: unknown, env: Record<string, string> = {}): string[] {
  try {
    buildMonitor(document, 'monitors/m.yaml', env);
    return [];
  } catch (error) {
    if (error instanceof MonitorConfigError) return error.problems;
    throw error;
  }
}

describe('monitor file validation', () => {
  it('accepts a minimal endpoint monitor and fills the defaults', () => {
    const monitor = buildMonitor(valid, 'monitors/m.yaml', {});
    expect(monitor).toEqual({
      name: 'charges',
      kind: 'endpoint',
      file: 'monitors/m.yaml',
      description: undefined,
      schedule: '*/15 * * * *',
      timezone: 'UTC',
      request: {
        method: 'GET',
        url: 'https://api.example.com/v1/charges',
        headers: {},
        query: {},
        body: undefined,
        timeoutMs: 30000,
        maxBodyBytes: 10485760,
        connectTimeoutMs: 10000,
        headersTimeoutMs: 30000,
        bodyTimeoutMs: 30000,
        maxRedirects: 5,
      },
      learnSamples: 1,
      ignore: [],
      operations: undefined,
      externalRefs: [],
      alert: { channels: undefined, minLevel: 'breaking', confirm: undefined, remindAfter: undefined, failingAfter: undefined },
      secrets: [],
      auth: undefined,
      retry: { maxAttempts: 3, initialDelayMs: 500, maxDelayMs: 30000, maxElapsedMs: 60000, nonIdempotent: false },
      rateLimit: {},
      circuitBreaker: {},
    });
  });

  it.each<[string, unknown, string]>([
    ['a missing name', { kind: 'endpoint', request: valid.request }, 'missing required field "name"'],
    ['a missing url', { ...valid, request: {} }, 'missing required field "request.url"'],
    ['an unknown kind', { ...valid, kind: 'graphql' }, 'field "kind" must be one of "endpoint", "openapi", "jsonschema" (got "graphql")'],
    ['an unknown field', { ...valid, shedule: '* * * * *' }, 'unknown field "shedule" (expected one of: name, kind, description, schedule, timezone, request, auth, retry, rateLimit, circuitBreaker, learn, ignore, operations, externalRefs, alert)'],
    ['an unknown request field', { ...valid, request: { ...valid.request, header: {} } }, 'unknown field "request.header" (expected one of: method, url, headers, query, body, timeoutMs, maxBodyBytes, connectTimeoutMs, headersTimeoutMs, bodyTimeoutMs, maxRedirects)'],
    ['a bad method', { ...valid, request: { ...valid.request, method: 'FETCH' } }, 'field "request.method" must be one of "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" (got "FETCH")'],
    ['a header that is not a string', { ...valid, request: { ...valid.request, headers: { 'X-Key': 5 } } }, 'field "request.headers.X-Key" must be a string'],
    ['a name with spaces', { ...valid, name: 'Stripe charges' }, 'field "name" must be lower-case letters, digits, ".", "_" and "-", starting with a letter or digit (got "Stripe charges")'],
    ['a negative timeout', { ...valid, request: { ...valid.request, timeoutMs: -1 } }, 'field "request.timeoutMs" must be at least 1 (got number -1)'],
    ['an ignore path that is not a pointer', { ...valid, ignore: ['customer.email'] }, 'field "ignore[0]" must be a JSON Pointer: empty or starting with "/", like /properties/customer (got "customer.email")'],
    ['a bad alert level', { ...valid, alert: { minLevel: 'critical' } }, 'field "alert.minLevel" must be one of "breaking", "warning", "info" (got "critical")'],
    ['an invalid cron expression', { ...valid, schedule: '61 * * * *' }, 'field "schedule" is not a valid cron expression: 61 is a invalid expression for minute (got "61 * * * *")'],
    ['an unknown time zone', { ...valid, timezone: 'Mars/Olympus' }, 'field "timezone" is not a known IANA time zone (got "Mars/Olympus")'],
    ['a URL that is not a URL', { ...valid, request: { url: 'not a url' } }, 'field "request.url" is not a valid URL'],
    ['a non-http URL', { ...valid, request: { url: 'ftp://example.com/x' } }, 'field "request.url" must be an http or https URL (got ftp:)'],
    ['operations on an endpoint monitor', { ...valid, operations: ['GET /v1/charges'] }, 'field "operations" only applies to kind: openapi'],
    ['a document that is a list', [valid], 'is not a monitor: expected a YAML mapping or JSON object (got an array)'],
  ])('rejects %s with its own message', (_label, document, message) => {
    expect(problems(document)).toEqual([message]);
  });

  it('reports every problem of a file at once', () => {
    expect(problems({ name: 'x', kind: 'nope', request: { url: 1 } })).toEqual([
      'field "kind" must be one of "endpoint", "openapi", "jsonschema" (got "nope")',
      'field "request.url" must be a string (got number 1)',
    ]);
  });

  it('names the monitor and the variable when an environment variable is missing', () => {
    const doc = { ...valid, request: { ...valid.request, headers: { Authorization: 'Bearer ${VENDOR_KEY}' } } };
    expect(() => buildMonitor(doc, 'monitors/charges.yaml', {})).toThrow(
      'monitor "charges" (monitors/charges.yaml): environment variable VENDOR_KEY is not set (used in request.headers.Authorization)',
    );
  });

  it('interpolates ${VAR}, ${VAR:-default}, VAR_FILE and $${ and keeps the substituted values as secrets', async () => {
    const ws = await workspace();
    try {
      const secretFile = join(ws.dir, 'key.txt');
      await writeFile(secretFile, 'file-secret-value\n');
      const doc = {
        ...valid,
        request: {
          url: '${BASE_URL}/v1/charges',
          headers: { Authorization: 'Bearer ${TOKEN}', 'X-Key': '${FILE_KEY}', 'X-Region': '${REGION:-eu}', 'X-Literal': '$${NOT_A_VAR}' },
        },
      };
      const monitor = buildMonitor(doc, 'm.yaml', { BASE_URL: 'https://api.example.com', TOKEN: 'env-secret-value', FILE_KEY_FILE: secretFile });
      expect(monitor.request.url).toBe('https://api.example.com/v1/charges');
      expect(monitor.request.headers).toEqual({
        Authorization: 'Bearer env-secret-value',
        'X-Key': 'file-secret-value',
        'X-Region': 'eu',
        'X-Literal': '${NOT_A_VAR}',
      });
      expect(monitor.secrets.sort()).toEqual(['env-secret-value', 'eu', 'file-secret-value']);
    } finally {
      await ws.remove();
    }
  });

  it('rejects YAML with duplicate keys and alias bombs with a message naming the file', () => {
    expect(() => parseMonitorText('name: a\nname: b\n', 'monitors/dup.yaml')).toThrow(/monitors\/dup.yaml: is not valid YAML: Map keys must be unique/);
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    expect(() => parseMonitorText(bomb, 'monitors/bomb.yaml')).toThrow(/monitors\/bomb.yaml: cannot be read: Excessive alias count/);
  });
});

describe('monitor directories', () => {
  let ws: Awaited<ReturnType<typeof workspace>>;
  beforeEach(async () => {
    ws = await workspace();
  });
  afterEach(async () => {
    await ws.remove();
  });

  it('loads the valid files and reports each invalid one with its file name', async () => {
    await ws.write('a.yaml', 'name: a\nkind: endpoint\nrequest:\n  url: https://api.example.com/a\n');
    await ws.write('b.json', JSON.stringify({ name: 'b', kind: 'jsonschema', request: { url: 'https://example.com/schema.json' } }));
    await ws.write('c.yaml', 'name: a\nkind: endpoint\nrequest:\n  url: https://api.example.com/c\n');
    await ws.write('d.yml', 'name: d\nkind: endpoint\n');
    await ws.write('e.json', '{ not json');
    await ws.write('notes.txt', 'ignored');
    const loaded = await loadMonitorDirectory(ws.monitors, {});
    expect(loaded.monitors.map((m) => m.name)).toEqual(['a', 'b']);
    expect(loaded.errors.map((e) => e.message)).toEqual([
      `monitor "a" (${join(ws.monitors, 'c.yaml')}): name "a" is already used by ${join(ws.monitors, 'a.yaml')}`,
      `monitor "d" (${join(ws.monitors, 'd.yml')}): missing required field "request"`,
      expect.stringMatching(new RegExp(`^${join(ws.monitors, 'e.json').replace(/[.]/g, '\\.')}: is not valid JSON: `)),
    ]);
  });

  it('driftwatch validate names each broken file, exits 2, and touches no database', async () => {
    await ws.write('good.yaml', 'name: good\nkind: endpoint\nrequest:\n  url: https://api.example.com/a\n');
    await ws.write('bad.yaml', 'name: bad\nkind: endpoint\nschedule: "every minute"\nrequest:\n  url: https://api.example.com/a\n  header: {}\n');
    const result = await runCli(['validate'], { cwd: ws.dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('monitors/good.yaml: monitor "good" is valid\n');
    expect(result.stderr).toBe(
      'monitor "bad" (monitors/bad.yaml): unknown field "request.header" (expected one of: method, url, headers, query, body, timeoutMs, maxBodyBytes, connectTimeoutMs, headersTimeoutMs, bodyTimeoutMs, maxRedirects)\n',
    );
    const check = await runCli(['check', 'bad'], { cwd: ws.dir });
    expect(check.code).toBe(2);
    expect(check.stdout).toContain('bad  FAILED  could not check (invalid-monitor)');
    await expect(loadMonitorFile(join(ws.dir, '.driftwatch', 'db', 'PG_VERSION'))).rejects.toThrow(/cannot be read: ENOENT/);
  });
});

describe('the published monitor schema', () => {
  it('is the schema the validator uses (regenerate with npm run schema:write)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { monitorSchemaText } = await import('../../src/cli/commands/schema.js');
    expect(await readFile(new URL('../../monitor.schema.json', import.meta.url), 'utf8')).toBe(monitorSchemaText());
  });
});
