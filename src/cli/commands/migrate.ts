import { EXIT, type ExitCode } from '../exit-codes.js';
import { withStore } from '../context.js';

export async function migrateCommand(options: { databaseUrl?: string; dataDir?: string }): Promise<ExitCode> {
  return withStore(options, async (store) => {
    process.stdout.write(`database schema is up to date (${store.driver}: ${store.location})\n`);
    return EXIT.ok;
  });
}
