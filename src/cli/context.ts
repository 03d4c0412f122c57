import { Option } from 'commander';
import { openStore, type Store } from '../store/db.js';
import { FORMATS, type ReportFormat } from '../report/format.js';

export interface GlobalOptions {
  monitors: string;
  databaseUrl?: string;
  dataDir?: string;
}

export const DEFAULT_MONITORS_DIR = 'monitors';

export function formatOption(): Option {
  return new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text');
}

export function monitorsOption(): Option {
  return new Option('-m, --monitors <dir>', 'directory of monitor files').env('DRIFTWATCH_MONITORS').default(DEFAULT_MONITORS_DIR);
}

export function databaseOptions(): Option[] {
  return [
    new Option('--database-url <url>', 'PostgreSQL URL; embedded PGlite when unset').env('DATABASE_URL'),
    new Option('--data-dir <dir>', 'PGlite data directory').env('DRIFTWATCH_DATA_DIR').default('.driftwatch/db'),
  ];
}

/** Opens the store, runs `work`, and always closes it (PGlite keeps the process alive until closed). */
export async function withStore<T>(options: { databaseUrl?: string | undefined; dataDir?: string | undefined }, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: options.databaseUrl || undefined, dataDir: options.dataDir });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function asFormat(value: string): ReportFormat {
  return value as ReportFormat;
}
