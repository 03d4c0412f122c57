import { sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { migrationStatus } from '../store/migrationStatus.js';

export interface Check {
  ok: boolean;
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: Check; migrations: Check; monitors: Check; shutdown?: Check };
}

export interface ReadinessState {
  /** Undefined until the database is open and migrated. */
  store: Store | undefined;
  monitors: { loaded: boolean; readable: boolean; count: number; fileErrors: number };
  shuttingDown: boolean;
}

const CHECK_TIMEOUT_MS = 2000;

/** Whether this replica should receive work: database reachable, migrations applied, monitors loaded, not shutting down. */
export async function checkReadiness(state: ReadinessState): Promise<Readiness> {
  const { store } = state;
  let database: Check;
  let migrations: Check;
  if (!store) {
    database = { ok: false, detail: 'opening' };
    migrations = { ok: false, detail: 'not checked: database not open yet' };
  } else {
    try {
      await withTimeout(store.db.execute(sql`select 1`), CHECK_TIMEOUT_MS);
      database = { ok: true, detail: `${store.driver}: ${store.location}` };
    } catch (error) {
      database = { ok: false, detail: `unreachable: ${errorText(error)}` };
    }
    if (!database.ok) {
      migrations = { ok: false, detail: 'not checked: database unreachable' };
    } else {
      try {
        const status = await withTimeout(migrationStatus(store.db), CHECK_TIMEOUT_MS);
        migrations = status.applied
          ? { ok: true, detail: `latest applied: ${status.latestApplied}` }
          : { ok: false, detail: `expected ${status.expected}, latest applied: ${status.latestApplied ?? 'none'}` };
      } catch (error) {
        migrations = { ok: false, detail: `cannot read migration state: ${errorText(error)}` };
      }
    }
  }
  const { monitors: m } = state;
  const monitors: Check = !m.loaded
    ? { ok: false, detail: 'loading' }
    : !m.readable
      ? { ok: false, detail: 'monitors directory cannot be read' }
      : { ok: true, detail: `${m.count} scheduled${m.fileErrors > 0 ? `, ${m.fileErrors} file(s) with errors (see the log)` : ''}` };
  const checks: Readiness['checks'] = { database, migrations, monitors };
  if (state.shuttingDown) checks.shutdown = { ok: false, detail: 'shutting down' };
  return { ready: database.ok && migrations.ok && monitors.ok && !state.shuttingDown, checks };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function errorText(error: unknown): string {
  // drizzle wraps the driver's error ("Failed query: select 1") and keeps it as the cause, which says what went wrong.
  const cause = (error as { cause?: unknown }).cause;
  const err = (cause instanceof Error ? cause : error) as { code?: string; message?: string };
  return [err.code, err.message].filter(Boolean).join(' ') || String(error);
}
