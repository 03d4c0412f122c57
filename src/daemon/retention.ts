import type { Logger } from '../log.js';
import type { Store } from '../store/db.js';
import { pruneRuns } from '../store/pruneRuns.js';
import type { DaemonMetrics } from './metrics.js';

export interface RetentionOptions {
  store: Store;
  logger: Logger;
  metrics: DaemonMetrics;
  /** Run rows older than this many days are deleted; 0 keeps them all. */
  days: number;
  intervalMs: number;
  /** Delay before the first pass after start-up. */
  initialDelayMs: number;
}

const DAY_MS = 86_400_000;

/** Deletes run rows older than the retention period now and then (see pruneRuns for what is kept). */
export function startRetention(options: RetentionOptions): { stop(): Promise<void> } {
  if (options.days <= 0) return { stop: () => Promise.resolve() };
  let current: Promise<void> | undefined;
  let stopped = false;
  const pass = () => {
    if (stopped || current) return;
    const before = new Date(Date.now() - options.days * DAY_MS);
    current = pruneRuns(options.store.db, { before })
      .then((deleted) => {
        options.metrics.retentionDeleted.inc(deleted);
        if (deleted > 0) options.logger.info({ deleted, before: before.toISOString() }, `retention: deleted ${deleted} run rows older than ${options.days} days`);
      })
      .catch((error: unknown) => options.logger.warn({ err: error }, 'retention pass failed; retrying at the next interval'))
      .finally(() => {
        current = undefined;
      });
  };
  const first = setTimeout(pass, options.initialDelayMs);
  const interval = setInterval(pass, options.intervalMs);
  first.unref();
  interval.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(interval);
      await current;
    },
  };
}
