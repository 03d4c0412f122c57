import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import lockfile from 'proper-lockfile';

/** A lock not refreshed for this long belongs to a process that is gone (killed, or on a host that died). */
const STALE_MS = 20_000;
/** How often the holder refreshes its lock. */
const REFRESH_MS = 5_000;
const POLL_MS = 500;

interface Holder {
  pid: number;
  host: string;
}

/** Another live process has the PGlite data directory open. */
export class DataDirInUse extends Error {
  constructor(
    readonly dir: string,
    readonly holder: Holder | undefined,
  ) {
    const who = holder === undefined ? 'another process' : holder.host === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on host ${holder.host}`;
    super(`the database directory ${dir} is in use by ${who}: embedded PGlite serves one process at a time (stop it, or use PostgreSQL through DATABASE_URL for several processes)`);
    this.name = 'DataDirInUse';
  }
}

/**
 * Claims the PGlite data directory for this process (proper-lockfile: `<dir>.lock`, created
 * atomically and refreshed while held), so that a second process, on this host or in another
 * container sharing the volume, does not write the same files. A live holder on this host is refused
 * at once; otherwise the lock is waited for until it is released or goes stale (its holder was
 * killed), then taken. Returns the release.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const lockPath = `${dir}.lock`;
  const holderPath = `${dir}.lock-holder.json`;
  const me: Holder = { pid: process.pid, host: hostname() };
  const deadline = Date.now() + STALE_MS + 2 * REFRESH_MS;
  for (;;) {
    try {
      const release = await lockfile.lock(dir, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        update: REFRESH_MS,
        onCompromised: (error) => lostLock(dir, error),
      });
      await writeFile(holderPath, JSON.stringify(me));
      return async () => {
        await rm(holderPath, { force: true });
        await release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    const holder = await readHolder(holderPath);
    if (holder && holder.host === me.host && holder.pid !== me.pid && isAlive(holder.pid)) throw new DataDirInUse(dir, holder);
    if (Date.now() >= deadline) throw new DataDirInUse(dir, holder);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Another process took the directory over (this one stalled past STALE_MS): writing on would corrupt it. */
function lostLock(dir: string, error: Error): never {
  process.stderr.write(`driftwatch: lost the lock on the database directory ${dir} (${error.message}); stopping before writing to it again\n`);
  process.exit(1);
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
