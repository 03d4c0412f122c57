import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary working directory with a `monitors/` folder to write monitor files into. */
export async function workspace(): Promise<{ dir: string; monitors: string; write: (file: string, text: string | Uint8Array) => Promise<string>; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-ws-'));
  const monitors = join(dir, 'monitors');
  await mkdir(monitors);
  return {
    dir,
    monitors,
    async write(file, text) {
      const path = join(monitors, file);
      await writeFile(path, text);
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
