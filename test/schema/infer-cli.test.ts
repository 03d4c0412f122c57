import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inferSchema } from '../../src/schema/infer.js';
import { runCli } from '../helpers/cli.js';

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

describe('driftwatch infer', () => {
  let dir: string;
  const file = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  const infer = async (args: string[], input?: string) => {
    const result = await runCli(['infer', ...args], { cwd: dir, ...(input !== undefined ? { input } : {}) });
    return { ...result, schema: result.code === 0 ? (JSON.parse(result.stdout) as Record<string, unknown>) : undefined };
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftwatch-infer-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('learns from several files: required is what every sample has', async () => {
    await file('a.json', '{"id": "a", "n": 1}');
    await file('b.json', '{"id": "b", "n": 2.5, "extra": null}');
    const result = await infer(['a.json', 'b.json']);
    expect(result.stderr).toBe('');
    expect(result.schema).toEqual({
      $schema: DRAFT,
      type: 'object',
      properties: { extra: { type: 'null' }, id: { type: 'string' }, n: { type: 'number' } },
      required: ['id', 'n'],
    });
  });

  it('reads stdin as one document, or as JSON Lines when it is not one', async () => {
    expect((await infer(['-'], '[1, 2]')).schema).toEqual({ $schema: DRAFT, type: 'array', items: { type: 'integer' } });
    const lines = await infer(['-'], '{"a": 1}\n\n{"a": "x", "b": true}\n');
    expect(lines.schema).toEqual({ $schema: DRAFT, type: 'object', properties: { a: { type: ['integer', 'string'] }, b: { type: 'boolean' } }, required: ['a'] });
    const broken = await infer(['-'], '{"a": 1}\n{"a": \n');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^driftwatch: line 2 of stdin is not valid JSON/);
  });

  it('reads JSON Lines files (.jsonl, .ndjson) one sample per line, and --samples-from a directory', async () => {
    const samples = [{ id: 1 }, { id: 2, tag: 'x' }, { id: 3 }];
    await file('one.jsonl', samples.slice(0, 2).map((s) => JSON.stringify(s)).join('\n'));
    await file('two.ndjson', `${JSON.stringify(samples[2])}\n`);
    await file('notes.txt', 'not a sample');
    const expected = inferSchema(samples);
    expect((await infer(['one.jsonl', 'two.ndjson'])).schema).toEqual(expected);
    expect((await infer(['--samples-from', dir])).schema).toEqual(expected);
    expect((await infer(['--lines', '-'], samples.map((s) => JSON.stringify(s)).join('\n'))).schema).toEqual(expected);
  });

  it('keeps learning across runs with --state, as if it had read everything at once', async () => {
    await file('a.json', '{"id": "a", "status": null}');
    await file('b.json', '{"id": "b", "status": "open", "more": [1]}');
    await infer(['--state', 'state.json', 'a.json']);
    const second = await infer(['--state', 'state.json', 'b.json']);
    expect(second.schema).toEqual(inferSchema([{ id: 'a', status: null }, { id: 'b', status: 'open', more: [1] }]));
  });

  it('describes exactly what was seen with --flavour observation', async () => {
    const result = await infer(['--flavour', 'observation', '-'], '{"email": "a@example.com"}');
    expect(result.schema).toEqual({
      $schema: DRAFT,
      type: 'object',
      properties: { email: { type: 'string', format: 'email', enum: ['a@example.com'] } },
      required: ['email'],
    });
  });

  it('refuses a 100 MB document with a clear error before reading it, and exits 2', async () => {
    const path = join(dir, 'huge.json');
    const handle = await open(path, 'w');
    await handle.truncate(100 * 1024 * 1024);
    await handle.close();
    const result = await infer(['huge.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('driftwatch: huge.json is 100.0 MiB, more than the 64.0 MiB one sample may have (raise it with --max-bytes)\n');
    const small = await infer(['--max-bytes', '10', '-'], '{"a": "0123456789"}');
    expect(small.code).toBe(2);
    expect(small.stderr).toBe('driftwatch: stdin is larger than the 10 bytes one sample may have (raise it with --max-bytes)\n');
  });

  it('refuses a 10,000-level nested document with a clear error, not a stack overflow', async () => {
    await file('deep.json', `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    const result = await infer(['deep.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('driftwatch: document nests deeper than 256 levels\n');
  });

  it('names the file that is not JSON or cannot be read', async () => {
    await file('bad.json', '{"a": ');
    const bad = await infer(['bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^driftwatch: bad\.json is not valid JSON \(/);
    const missing = await infer(['nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('driftwatch: nope.json: cannot be read (ENOENT)\n');
    const none = await infer([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('driftwatch: infer needs at least one sample file, - for stdin, or --samples-from <dir>\n');
  });
});
