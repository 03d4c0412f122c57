import type { Logger } from '../log.js';
import type { Store } from '../store/db.js';

/** Monotonic counters a background worker exposes for /metrics (totals since it started). */
export interface WorkerMetrics {
  /** Deliveries that succeeded, by channel. */
  delivered: Readonly<Record<string, number>>;
  /** Delivery attempts that failed (to be retried or dead), by channel. */
  failed: Readonly<Record<string, number>>;
}

/**
 * Work every replica runs beside the scheduler (the alert outbox worker). The daemon calls `start`
 * once; on shutdown it calls `stop` and waits for it within the grace period, then aborts `signal`
 * if work is still in flight.
 */
export interface BackgroundWorker {
  readonly name: string;
  /** Begins the work loop. `signal` is aborted when in-flight work must be abandoned. */
  start(signal: AbortSignal): void | Promise<void>;
  /** Claims nothing new; resolves once in-flight work is finished (or abandoned through `signal`). */
  stop(): Promise<void>;
  metrics(): WorkerMetrics;
}

export interface WorkerContext {
  store: Store;
  logger: Logger;
  /** This replica's id, for claims (`locked_by`). */
  replicaId: string;
}

/** A worker that does nothing: what runs until the alert outbox worker is plugged in. */
export function noopWorker(name = 'noop'): BackgroundWorker {
  return {
    name,
    start: () => undefined,
    stop: () => Promise.resolve(),
    metrics: () => ({ delivered: {}, failed: {} }),
  };
}

/**
 * The alert outbox worker every replica runs. Plug the real one in here (src/alert/, issue 7): this
 * function is the only place the daemon creates it.
 */
export function createAlertWorker(context: WorkerContext): BackgroundWorker {
  void context;
  return noopWorker('alert-outbox');
}
