import type { Alerting } from '../alert/alerting.js';
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
  /** Does what is due now, once (at shutdown, after the last runs queued their alerts). */
  flush?(signal: AbortSignal): Promise<void>;
  metrics(): WorkerMetrics;
}

export interface WorkerContext {
  store: Store;
  logger: Logger;
  /** This replica's id, for claims (`locked_by`). */
  replicaId: string;
  /** The channels this replica delivers to, from the environment. */
  alerting: Alerting;
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

/** The alert outbox worker every replica runs (src/alert/worker.ts): claims due rows, delivers, retries. */
export function createAlertWorker(context: WorkerContext): BackgroundWorker {
  const worker = context.alerting.worker(context.store.db, { workerId: context.replicaId });
  worker.on('failed', (event) => {
    const fields = { outboxId: event.id, channel: event.channel, kind: event.kind, dedupeKey: event.dedupeKey, attempts: event.attempts, dead: event.dead, retryInMs: event.retryInMs, err: event.error };
    if (event.dead) context.logger.error(fields, `alert given up after ${event.attempts} failed attempts: it stays in alert_outbox with status 'dead'`);
    else context.logger.warn(fields, 'alert delivery failed');
  });
  worker.on('loopError', (error) => context.logger.error({ err: error }, 'alert worker loop error; it carries on'));
  return {
    name: 'alert-outbox',
    start: (signal) => worker.start(signal),
    stop: () => worker.stop(),
    async flush(signal) {
      await worker.runOnce({ signal });
    },
    metrics() {
      const delivered: Record<string, number> = {};
      const failed: Record<string, number> = {};
      for (const [channel, counters] of Object.entries(worker.counters)) {
        delivered[channel] = counters.delivered;
        failed[channel] = counters.failed + counters.dead;
      }
      return { delivered, failed };
    },
  };
}
