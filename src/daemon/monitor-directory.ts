import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadMonitorDirectory, MONITOR_FILE_EXTENSIONS } from '../config/load.js';
import type { Monitor } from '../config/types.js';
import type { Environment } from '../config/interpolate.js';
import type { Logger } from '../log.js';

export interface MonitorChanges {
  /** Monitors new or different since the last load. */
  upserted: Monitor[];
  /** Names no longer defined by any file. */
  removed: string[];
  /** Every monitor now in effect. */
  current: Monitor[];
}

export interface MonitorDirectoryOptions {
  logger: Logger;
  /** Called after each load that changed something (and after the first load). */
  onChange: (changes: MonitorChanges) => void;
  /** Called after every load with the number of files that could not be used. */
  onLoaded?: (errorCount: number) => void;
  /** A rescan for file systems whose change events do not arrive (NFS, some bind mounts); 0 disables. */
  pollMs: number;
  env?: Environment;
}

const DEBOUNCE_MS = 200;

/**
 * The monitors defined by a directory of monitor files, kept current: file events (and a periodic
 * rescan) trigger a reload. A file that stops being valid keeps its last good monitor running and
 * is logged with its name; the other files are unaffected.
 */
export class MonitorDirectory {
  readonly dir: string;
  /** Last good monitor per file. */
  private byFile = new Map<string, Monitor>();
  private signature = '';
  private watcher: FSWatcher | undefined;
  private poll: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;
  private again = false;
  private closed = false;
  /** Whether the directory has been read at least once. */
  loaded = false;
  /** Whether the last read of the directory itself succeeded. */
  readable = false;

  constructor(
    dir: string,
    private readonly options: MonitorDirectoryOptions,
  ) {
    this.dir = resolve(dir);
  }

  monitors(): Monitor[] {
    return [...this.byFile.values()];
  }

  /** Reads the directory; resolves once the monitors it defines are known. */
  async load(): Promise<void> {
    await this.reload();
  }

  /** Starts reacting to changes. */
  watch(): void {
    if (this.closed) return;
    try {
      this.watcher = watch(this.dir, { persistent: false }, () => this.scheduleReload());
      this.watcher.on('error', (error) => {
        this.options.logger.warn({ err: error, dir: this.dir }, 'watching the monitors directory failed; relying on the periodic rescan');
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch (error) {
      this.options.logger.warn({ err: error, dir: this.dir }, 'cannot watch the monitors directory; relying on the periodic rescan');
    }
    if (this.options.pollMs > 0) {
      this.poll = setInterval(() => void this.rescan(), this.options.pollMs);
      this.poll.unref();
    }
  }

  /** Stops watching; a reload in progress finishes. */
  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    clearInterval(this.poll);
    clearTimeout(this.debounce);
    await this.reloading;
  }

  private scheduleReload(): void {
    if (this.closed) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.reload(), DEBOUNCE_MS);
    this.debounce.unref();
  }

  /** Reloads when a file's name, size or modification time changed since the last load. */
  private async rescan(): Promise<void> {
    if (this.closed) return;
    if ((await this.fileSignature()) !== this.signature) await this.reload();
  }

  /** Serialised: a reload asked for while one runs happens once after it. */
  private reload(): Promise<void> {
    if (this.reloading) {
      this.again = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      try {
        do {
          this.again = false;
          await this.reloadOnce();
        } while (this.again && !this.closed);
      } catch (error) {
        this.options.logger.error({ err: error, dir: this.dir }, 'reloading the monitors directory failed');
      } finally {
        this.reloading = undefined;
      }
    })();
    return this.reloading;
  }

  /** The error last logged for each file that failed to load, so a file that stays broken is logged once. */
  private reportedErrors = new Map<string, string>();

  private async reloadOnce(): Promise<void> {
    const { logger } = this.options;
    this.signature = await this.fileSignature();
    const loaded = await loadMonitorDirectory(this.dir, this.options.env ?? process.env);
    const directoryError = loaded.errors.find((e) => resolve(e.file) === this.dir);
    if (directoryError) {
      this.readable = false;
      this.loaded = true;
      logger.error({ dir: this.dir }, `${directoryError.message}; the monitors loaded before keep running`);
      this.options.onLoaded?.(loaded.errors.length);
      return;
    }
    this.readable = true;

    const next = new Map<string, Monitor>();
    for (const monitor of loaded.monitors) next.set(monitor.file, monitor);
    const names = new Set(loaded.monitors.map((m) => m.name));
    const reported = new Map<string, string>();
    for (const error of loaded.errors) {
      const previous = this.byFile.get(error.file);
      const keep = previous !== undefined && !names.has(previous.name);
      if (keep) {
        next.set(error.file, previous);
        names.add(previous.name);
      }
      const message = keep ? `${error.message}\n(monitor "${previous.name}" keeps running as last loaded)` : error.message;
      reported.set(error.file, message);
      // A file that stays broken the same way is reported once, not again at every reload of the directory.
      if (this.reportedErrors.get(error.file) !== message) logger.error({ file: error.file, monitor: error.monitor, problems: error.problems }, message);
    }
    this.reportedErrors = reported;

    const before = new Map([...this.byFile.values()].map((m) => [m.name, m]));
    const after = new Map([...next.values()].map((m) => [m.name, m]));
    const upserted = [...after.values()].filter((m) => {
      const old = before.get(m.name);
      return old === undefined || !isDeepStrictEqual(old, m);
    });
    const removed = [...before.keys()].filter((name) => !after.has(name));
    const first = !this.loaded;
    this.byFile = next;
    this.loaded = true;
    this.options.onLoaded?.(loaded.errors.length);
    if (first || upserted.length > 0 || removed.length > 0) {
      if (!first) {
        logger.info(
          { added: upserted.filter((m) => !before.has(m.name)).map((m) => m.name), changed: upserted.filter((m) => before.has(m.name)).map((m) => m.name), removed },
          'monitors reloaded',
        );
      }
      this.options.onChange({ upserted, removed, current: [...after.values()] });
    }
  }

  private async fileSignature(): Promise<string> {
    let entries: string[];
    try {
      entries = (await readdir(this.dir)).filter((f) => MONITOR_FILE_EXTENSIONS.includes(extname(f).toLowerCase())).sort();
    } catch (error) {
      return `unreadable:${(error as NodeJS.ErrnoException).code ?? ''}`;
    }
    const parts = await Promise.all(
      entries.map(async (f) => {
        const info = await stat(join(this.dir, f)).catch(() => undefined);
        return `${f}:${info?.size ?? -1}:${info?.mtimeMs ?? -1}`;
      }),
    );
    return parts.join('\n');
  }
}
