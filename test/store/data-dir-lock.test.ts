import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUse, lockDataDir } from '../../src/store/dataDirLock.js';

describe('the lock on an embedded PGlite data directory', () => {
  let base: string;
  let dir: string;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'driftwatch-lock-'));
    dir = join(base, 'db');
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  /** A lock as another process leaves it: the lock directory, refreshed `ageMs` ago, and who holds it. */
  const heldBy = async (holder: { pid: number; host: string }, ageMs = 0) => {
    await mkdir(`${dir}.lock`);
    const at = new Date(Date.now() - ageMs);
    await utimes(`${dir}.lock`, at, at);
    await writeFile(`${dir}.lock-holder.json`, JSON.stringify(holder));
  };

  it('is taken, refreshed while held, and gone after release, so the next process gets it at once', async () => {
    const release = await lockDataDir(dir);
    expect((await stat(`${dir}.lock`)).isDirectory()).toBe(true);
    await release();
    await expect(stat(`${dir}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
    await (await lockDataDir(dir))();
  });

  it('refuses at once when a live process on this host holds it, naming the process', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await heldBy({ pid: child.pid!, host: hostname() });
      const refused = await lockDataDir(dir).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DataDirInUse);
      expect((refused as Error).message).toBe(
        `the database directory ${dir} is in use by process ${child.pid}: embedded PGlite serves one process at a time (stop it, or use PostgreSQL through DATABASE_URL for several processes)`,
      );
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('does not take a fresh lock of another host (another container on the same volume), and takes it once it goes stale', async () => {
    await heldBy({ pid: 1, host: 'another-container' });
    let taken = false;
    const claim = lockDataDir(dir).then((release) => {
      taken = true;
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(taken).toBe(false);
    // The other container died: its lock is no longer refreshed.
    const old = new Date(Date.now() - 60_000);
    await utimes(`${dir}.lock`, old, old);
    const release = await claim;
    expect(taken).toBe(true);
    await release();
  });
});
