import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { WorkerMetrics } from './worker.js';

/** Outcomes of one scheduled run: runCheck's statuses, or `error` when the run itself broke (database down, bug). */
export type RunOutcome = 'baseline' | 'ok' | 'drift' | 'failure' | 'error';

/** Why a scheduled slot did not run here. */
export type SkipReason = 'overlap' | 'taken' | 'busy' | 'missed' | 'claim-error';

export interface MetricSources {
  /** The alert worker's counters (deliveries and failures by channel). */
  worker: () => WorkerMetrics;
  /** Pending alert outbox rows; undefined when the database cannot say right now. */
  outboxBacklog: () => Promise<number | undefined>;
}

/** Every metric the daemon exposes at /metrics, in its own registry (several daemons can share a process in tests). */
export class DaemonMetrics {
  readonly registry = new Registry();

  readonly probes = new Counter({
    name: 'driftwatch_probes_total',
    help: 'Scheduled runs by monitor and outcome (baseline, ok, drift, failure, error).',
    labelNames: ['monitor', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly probeFailures = new Counter({
    name: 'driftwatch_probe_failures_total',
    help: 'Failed probes by monitor and failure kind (auth, rate-limited, timeout, http-<status>, ...).',
    labelNames: ['monitor', 'kind'] as const,
    registers: [this.registry],
  });

  readonly probeDuration = new Histogram({
    name: 'driftwatch_probe_duration_seconds',
    help: 'Duration of one run (probe, diff and database write) by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly driftEvents = new Counter({
    name: 'driftwatch_drift_events_total',
    help: 'Drift events recorded by monitor and highest level (breaking, warning, info).',
    labelNames: ['monitor', 'level'] as const,
    registers: [this.registry],
  });

  readonly schedulerLag = new Histogram({
    name: 'driftwatch_scheduler_lag_seconds',
    help: 'Delay between when a run was due (its slot plus its spread offset) and when its probe started.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly skipped = new Counter({
    name: 'driftwatch_runs_skipped_total',
    help: 'Scheduled slots not run by this replica: overlap (previous run still going here), taken (another replica ran it), busy (previous run holds the lease elsewhere), missed (the process was too late), claim-error.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly inFlight = new Gauge({
    name: 'driftwatch_runs_in_flight',
    help: 'Runs started or waiting for a concurrency slot in this replica.',
    registers: [this.registry],
  });

  readonly monitors = new Gauge({
    name: 'driftwatch_monitors',
    help: 'Monitors scheduled from the monitors directory.',
    registers: [this.registry],
  });

  readonly monitorFileErrors = new Gauge({
    name: 'driftwatch_monitor_file_errors',
    help: 'Monitor files that could not be loaded at the last (re)load.',
    registers: [this.registry],
  });

  readonly reloads = new Counter({
    name: 'driftwatch_monitor_reloads_total',
    help: 'Reloads of the monitors directory by result (ok, errors).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly retentionDeleted = new Counter({
    name: 'driftwatch_retention_runs_deleted_total',
    help: 'Run rows deleted by history retention.',
    registers: [this.registry],
  });

  readonly alertDeliveries: Counter<'channel'>;
  readonly alertFailures: Counter<'channel'>;
  readonly outboxBacklog: Gauge;

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
    this.alertDeliveries = new Counter({
      name: 'driftwatch_alert_deliveries_total',
      help: 'Alerts delivered by channel (from the outbox worker).',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      collect() {
        setTotals(this, sources.worker().delivered);
      },
    });
    this.alertFailures = new Counter({
      name: 'driftwatch_alert_delivery_failures_total',
      help: 'Failed alert delivery attempts by channel (from the outbox worker).',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      collect() {
        setTotals(this, sources.worker().failed);
      },
    });
    this.outboxBacklog = new Gauge({
      name: 'driftwatch_outbox_backlog',
      help: 'Alert outbox rows waiting for delivery (shared by all replicas).',
      registers: [this.registry],
      async collect() {
        const pending = await sources.outboxBacklog();
        if (pending !== undefined) this.set(pending);
      },
    });
  }

  /** The text exposition format (`text/plain; version=0.0.4`). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Mirrors a worker's monotonic totals into a counter. */
function setTotals(counter: Counter<'channel'>, totals: Readonly<Record<string, number>>): void {
  counter.reset();
  for (const [channel, total] of Object.entries(totals)) counter.inc({ channel }, total);
}
