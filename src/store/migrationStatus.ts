import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_DIR, type Database } from './db.js';

export interface MigrationStatus {
  /** Every migration this build ships has been applied (a newer build may have applied more). */
  applied: boolean;
  expected: string;
  latestApplied: string | undefined;
}

interface Journal {
  entries: { tag: string; when: number }[];
}

let journal: Promise<Journal> | undefined;

/** Compares the newest migration in `migrations/` with the newest one recorded by drizzle's migrator. */
export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  journal ??= readFile(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8').then((text) => JSON.parse(text) as Journal);
  const entries = (await journal).entries;
  const newest = entries.reduce((a, b) => (b.when > a.when ? b : a));
  const result = (await db.execute(
    sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  )) as unknown as { rows: { created_at: string | number }[] };
  const latest = result.rows[0] ? Number(result.rows[0].created_at) : undefined;
  const latestTag = latest === undefined ? undefined : (entries.find((e) => e.when === latest)?.tag ?? `(newer than this build: ${latest})`);
  return { applied: latest !== undefined && latest >= newest.when, expected: newest.tag, latestApplied: latestTag };
}
