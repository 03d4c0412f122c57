import { describe, expect, it } from 'vitest';
import { createLogger, SecretSet } from '../../src/log.js';

const SECRET = 'sk_fake_0000_never_real_9f2c';
const OTHER = 'second-fake-secret-7a1b';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { lines, destination };
}

const without = ({ time: _time, pid: _pid, ...rest }: Record<string, unknown>) => rest;

describe('the JSON logger', () => {
  it('redacts monitor secrets from messages, fields, interpolated arguments and errors, and censors credential headers', () => {
    const secrets = new SecretSet();
    secrets.replace([SECRET]);
    const { lines, destination } = capture();
    const logger = createLogger({ secrets, destination, base: { replica: 'r1' } });
    const run = logger.child({ monitor: 'charges', runId: 7 });

    run.info({ headers: { Authorization: `Bearer ${SECRET}`, 'X-Api-Key': 'abc', Accept: 'application/json' }, url: `https://api.example.com/v1?q=${SECRET}` }, 'probing with %s', SECRET);
    const error = new Error(`token ${SECRET} rejected`);
    run.error({ err: error }, `probe failed for ${SECRET}`);

    expect(lines.map(without)).toEqual([
      {
        level: 'info',
        name: 'driftwatch',
        replica: 'r1',
        monitor: 'charges',
        runId: 7,
        headers: { Authorization: '***', 'X-Api-Key': '***', Accept: 'application/json' },
        url: 'https://api.example.com/v1?q=***',
        msg: 'probing with ***',
      },
      {
        level: 'error',
        name: 'driftwatch',
        replica: 'r1',
        monitor: 'charges',
        runId: 7,
        err: { type: 'Error', message: 'token *** rejected', stack: expect.stringContaining('Error: token *** rejected') as unknown },
        msg: 'probe failed for ***',
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it('applies secrets replaced after a reload to loggers created before it', () => {
    const secrets = new SecretSet();
    const { lines, destination } = capture();
    const child = createLogger({ secrets, destination }).child({ monitor: 'm' });
    child.info(`before ${OTHER}`);
    secrets.replace([OTHER]);
    child.info(`after ${OTHER}`);
    expect(lines.map((l) => l.msg)).toEqual([`before ${OTHER}`, 'after ***']);
  });
});
