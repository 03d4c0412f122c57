import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, isPostgresReachable, type TestDatabase } from '../helpers/database.js';
import { workspace } from '../helpers/monitor-files.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { DaemonProcess } from '../daemon/daemon-process.js';
import { endpointMonitor } from '../daemon/monitors.js';
import { parseMetrics } from '../daemon/prometheus.js';
import { chaosReport } from './report.js';

const SECRET = 'sk_test_config_fault_NOT_REAL_7';
const report = chaosReport('bad configuration');
const driver = (await isPostgresReachable()) ? 'postgres' : 'pglite';

const monitor = (name: string, ...lines: string[]) => [`name: ${name}`, 'kind: endpoint', 'schedule: "*/2 * * * * *"', 'request:', '  url: http://127.0.0.1:9/x', ...lines, ''].join('\n');

/** Each kind of invalid monitor file, with what its one error message must say besides the file name. */
const BAD_FILES: { file: string; text: string | Uint8Array; says: string[] }[] = [
  { file: 'yaml-syntax.yaml', text: 'name: yaml-syntax\nkind: endpoint\nrequest: [unclosed\n', says: ['is not valid YAML', 'line 4'] },
  { file: 'json-syntax.json', text: '{"name": "json-syntax", "kind": "endpoint",', says: ['is not valid JSON'] },
  { file: 'unknown-field.yaml', text: monitor('unknown-field', '  verb: GET'), says: ['monitor "unknown-field"', 'unknown field "request.verb"', 'expected one of: method, url'] },
  { file: 'missing-field.yaml', text: 'name: missing-field\nkind: endpoint\nschedule: "* * * * *"\nrequest:\n  method: GET\n', says: ['missing required field "request.url"'] },
  { file: 'wrong-type.yaml', text: monitor('wrong-type', '  timeoutMs: soon'), says: ['field "request.timeoutMs" must be an integer (got "soon")'] },
  { file: 'bad-kind.yaml', text: monitor('bad-kind').replace('kind: endpoint', 'kind: soap'), says: ['field "kind" must be one of "endpoint", "openapi", "jsonschema" (got "soap")'] },
  { file: 'cron-words.yaml', text: monitor('cron-words').replace('"*/2 * * * * *"', '"every minute"'), says: ['field "schedule" is not a valid cron expression', 'every minute'] },
  { file: 'cron-range.yaml', text: monitor('cron-range').replace('"*/2 * * * * *"', '"61 * * * *"'), says: ['field "schedule" is not a valid cron expression', '61'] },
  { file: 'missing-secret.yaml', text: monitor('missing-secret', '  headers:', '    Authorization: Bearer ${FAULT_TOKEN_UNSET}'), says: ['environment variable FAULT_TOKEN_UNSET is not set', 'request.headers.Authorization'] },
  { file: 'missing-secret-file.yaml', text: monitor('missing-secret-file', '  headers:', '    X-Api-Key: ${FAULT_KEY}'), says: ['FAULT_KEY_FILE', 'ENOENT', 'request.headers.X-Api-Key'] },
  { file: 'bad-pointer.yaml', text: monitor('bad-pointer', 'ignore:', '  - customer/email'), says: ['field "ignore[0]" must be a JSON Pointer'] },
  { file: 'bad-url.yaml', text: monitor('bad-url').replace('http://127.0.0.1:9/x', 'not a url'), says: ['field "request.url" is not a valid URL'] },
  { file: 'empty.yaml', text: '', says: ['is empty'] },
  { file: 'binary.yaml', text: Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256)), says: ['is not a monitor'] },
  { file: 'alias-bomb.yaml', text: aliasBomb(), says: ['cannot be read', 'alias'] },
  { file: 'zz-duplicate.yaml', text: endpointMonitor('good', 'http://127.0.0.1:9/elsewhere'), says: ['name "good" is already used by'] },
];

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\nname: bomb\n`;
}

describe('bad monitor files: a clear message naming each file, and the other monitors keep running', () => {
  const sim = new VendorSimulator();
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;
  const env = () => ({ ...db.env, VENDOR_TOKEN: SECRET, FAULT_KEY_FILE: `${ws.dir}/no-such-secret` });

  beforeAll(async () => {
    await sim.start();
    sim.json('/charges', { id: 'ch_1', amount: 100 });
    ws = await workspace();
    db = await freshDatabase(driver);
    await ws.write('good.yaml', endpointMonitor('good', sim.url('/charges'), { headers: { Authorization: 'Bearer ${VENDOR_TOKEN}' } }));
    for (const bad of BAD_FILES) await ws.write(bad.file, bad.text);
  });
  afterAll(async () => {
    report.print();
    await sim.stop();
    await db?.remove();
    await ws?.remove();
  });

  it('driftwatch validate names every invalid file and what is wrong, and exits 2', async () => {
    const result = await runCli(['validate'], { cwd: ws.dir, env: env() });
    expect(result.code).toBe(2);
    for (const bad of BAD_FILES) {
      const lines = result.stderr.split('\n').filter((l) => l.includes(`monitors/${bad.file}`));
      const held = lines.length === 1 && bad.says.every((s) => lines[0]!.includes(s));
      report.record(`validate: ${bad.file}`, 'one message naming the file and what is wrong', held);
      expect(lines, bad.file).toHaveLength(1);
      for (const s of bad.says) expect(lines[0], bad.file).toContain(s);
    }
    expect(result.stdout).toContain('monitors/good.yaml: monitor "good" is valid');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('driftwatch check probes the valid monitor, reports the invalid files, and exits 2', async () => {
    const result = await runCli(['check'], { cwd: ws.dir, env: env() });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('baseline recorded');
    for (const bad of BAD_FILES) expect(result.stdout, bad.file).toMatch(new RegExp(`FAILED  could not check \\(invalid-monitor\\): .*monitors/${bad.file.replace('.', '\\.')}`));
    const held = result.stdout.includes('baseline recorded') && !(result.stdout + result.stderr).includes(SECRET);
    report.record('check with 16 invalid files beside a valid one', 'the valid monitor is checked, exit 2', held);
  });

  it('the daemon logs each invalid file once, by name, keeps probing the valid monitor, and reports the count', async () => {
    const daemon = new DaemonProcess([], { cwd: ws.dir, env: env() });
    try {
      await daemon.waitForLog((l) => l.monitor === 'good' && (l.outcome === 'ok' || l.outcome === 'baseline'), 90_000);
      await daemon.waitForLog((l) => l.monitor === 'good' && l.outcome === 'ok', 30_000);

      // A file made invalid while the daemon runs is reported; what already runs keeps running.
      await ws.write('late.yaml', monitor('late').replace('"*/2 * * * * *"', '"*/99 * * * * * *"'));
      const late = await daemon.waitForLog((l) => l.level === 'error' && l.file === `${ws.monitors}/late.yaml`, 30_000);
      expect(late.msg).toContain('schedule');
      const okBefore = daemon.logs.filter((l) => l.monitor === 'good' && l.outcome === 'ok').length;
      await daemon.waitForLog((l) => l.monitor === 'good' && l.outcome === 'ok' && daemon.logs.filter((m) => m.monitor === 'good' && m.outcome === 'ok').length > okBefore, 30_000);

      for (const bad of BAD_FILES) {
        const lines = daemon.logs.filter((l) => l.level === 'error' && l.file === `${ws.monitors}/${bad.file}`);
        const held = lines.length === 1 && bad.says.every((s) => lines[0]!.msg.includes(s));
        report.record(`daemon: ${bad.file}`, 'logged once by file name; other monitors run', held);
        expect(lines, bad.file).toHaveLength(1);
        for (const s of bad.says) expect(lines[0]!.msg, bad.file).toContain(s);
      }
      const ready = JSON.parse((await daemon.get('/readyz')).body) as { checks: { monitors: { detail: string } } };
      expect(ready.checks.monitors.detail).toBe(`1 scheduled, ${BAD_FILES.length + 1} file(s) with errors (see the log)`);
      const metrics = parseMetrics((await daemon.get('/metrics')).body);
      expect(metrics.get('driftwatch_monitor_file_errors')).toBe(BAD_FILES.length + 1);
      expect(metrics.get('driftwatch_monitors')).toBe(1);

      daemon.kill('SIGTERM');
      expect(await daemon.exited).toEqual({ code: 0, signal: null });
      expect(daemon.output).not.toContain(SECRET);
      report.record('daemon output', `no test credential in ${daemon.logs.length} log lines`, !daemon.output.includes(SECRET));
    } finally {
      await daemon.stop();
    }
  }, 180_000);
});
