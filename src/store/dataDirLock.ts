import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';

/** Another live process on this host has the PGlite data directory open. */
export class DataDirInUse extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`the database directory ${dir} is in use by process ${pid}: embedded PGlite serves one process at a time (stop it, or use PostgreSQL through DATABASE_URL for several processes)`);
    this.name = 'DataDirInUse';
  }
}

interface Holder {
  pid: number;
  host: string;
}

/**
 * Claims the PGlite data directory for this process with a lock file beside it (`<dir>.lock`), so a
 * second process refuses to open it instead of writing the same files. A lock left by a process
 * that is gone (killed) is taken over; so is one written on another host, which cannot be checked.
 * Returns the release.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = `${dir}.lock`;
  const me: Holder = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, JSON.stringify(me), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(file);
    if (holder && holder.host === me.host && holder.pid !== me.pid && isAlive(holder.pid)) throw new DataDirInUse(dir, holder.pid);
    await rm(file, { force: true });
  }
  throw new Error(`could not lock the database directory ${dir} (${file} keeps reappearing)`);
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
