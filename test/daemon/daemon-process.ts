import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from '../helpers/cli.js';

export interface LogLine {
  level: string;
  msg: string;
  time: string;
  [field: string]: unknown;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `node dist/cli.js run` (what the Docker image runs) as a child process, its JSON log lines parsed as they arrive. */
export class DaemonProcess {
  readonly logs: LogLine[] = [];
  /** Lines on stdout that are not JSON, and everything on stderr. */
  readonly otherOutput: string[] = [];
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<() => void>();
  private pending = '';

  constructor(args: string[], options: { cwd: string; env: Record<string, string | undefined> }) {
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: undefined, DRIFTWATCH_DATA_DIR: undefined, PORT: undefined, ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    this.child = spawn(process.execPath, [CLI, 'run', '--port', '0', ...args], { cwd: options.cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.onStdout(chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.otherOutput.push(chunk.toString());
      this.notify();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => {
      this.notify();
      resolve({ code, signal });
    }));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Everything the process wrote, for searching (secrets) and for failure messages. */
  get output(): string {
    return [...this.logs.map((l) => JSON.stringify(l)), ...this.otherOutput].join('\n');
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves with the first log line matching, waiting for it (rejects after `timeoutMs` or at exit). */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs = 60_000): Promise<LogLine> {
    return this.waitFor(() => this.logs.find(match), timeoutMs, 'log line');
  }

  /** The port of /healthz, /readyz and /metrics, once listening. */
  async port(): Promise<number> {
    const line = await this.waitForLog((l) => typeof l.port === 'number' && l.msg.startsWith('listening'));
    return line.port as number;
  }

  async get(path: string): Promise<{ status: number; body: string; contentType: string | null }> {
    const response = await fetch(`http://127.0.0.1:${await this.port()}${path}`);
    return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
  }

  /** Stops the process if still running (test clean-up). */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  private waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found !== undefined) return finish(() => resolve(found));
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
          return finish(() => reject(new Error(`daemon exited before the expected ${what}; output:\n${this.output.slice(-4000)}`)));
        }
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${what} within ${timeoutMs} ms; output:\n${this.output.slice(-4000)}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  private onStdout(text: string): void {
    this.pending += text;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        this.logs.push(JSON.parse(line) as LogLine);
      } catch {
        this.otherOutput.push(line);
      }
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Polls `probe` until it returns a value other than undefined (rejects after `timeoutMs`). */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
