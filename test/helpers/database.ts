import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';

export const POSTGRES_ADMIN_URL = process.env.DRIFTWATCH_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A PGlite data directory holding a migrated, empty database, copied from the suite's template. */
export async function freshPgliteDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'driftwatch-test-'));
  const dir = join(root, 'db');
  const template = await readFile(inject('pgliteTemplate'));
  const client = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([template]) });
  await client.close();
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}

let postgresReachable: Promise<boolean> | undefined;

/** Whether the PostgreSQL server the tests use answers; checked once per worker. */
export function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresReachable;
}

export const POSTGRES_SKIP_MESSAGE = `PostgreSQL at ${POSTGRES_ADMIN_URL} is not reachable: start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DRIFTWATCH_TEST_POSTGRES to run these tests`;

/** A new, empty database on the PostgreSQL server, dropped by `remove`. */
export async function freshPostgresDatabase(): Promise<{ url: string; remove: () => Promise<void> }> {
  const name = `driftwatch_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async remove() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export type Driver = 'pglite' | 'postgres';

/** Where a store lives, as CLI options and environment: one fresh database for one driver. */
export interface TestDatabase {
  driver: Driver;
  /** Environment for a CLI child process. */
  env: Record<string, string>;
  open(): Promise<Store>;
  remove(): Promise<void>;
}

export async function freshDatabase(driver: Driver): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const { dir, remove } = await freshPgliteDir();
    return { driver, env: { DRIFTWATCH_DATA_DIR: dir }, open: () => openStore({ dataDir: dir }), remove };
  }
  const { url, remove } = await freshPostgresDatabase();
  return { driver, env: { DATABASE_URL: url }, open: () => openStore({ databaseUrl: url }), remove };
}
