import type { QueueAlerts } from '../alert/queue.js';
import { setMaxListeners } from 'node:events';
import { createTask, type ScheduledTask } from 'node-cron';
import { runCheck, type CheckResult } from '../check/runCheck.js';
import type { Monitor } from '../config/types.js';
import type { Logger } from '../log.js';
import { claimMonitorRun } from '../store/claimMonitorRun.js';
import type { Store } from '../store/db.js';
import { releaseMonitorRun, renewMonitorRun } from '../store/releaseMonitorRun.js';
import type { ConcurrencyLimits } from './limits.js';
import type { DaemonMetrics } from './metrics.js';
import { AcquireCancelled } from './semaphore.js';
import { shortestGapMs, spreadOffsetMs, type SpreadOptions } from './spread.js';

export interface SchedulerOptions {
  store: Store;
  logger: Logger;
  metrics: DaemonMetrics;
  limits: ConcurrencyLimits;
  /** This replica's id, written on the leases it holds. */
  replicaId: string;
  /** Lease duration; renewed every third of it while a run is in flight. */
  leaseTtlMs: number;
  spread: SpreadOptions;
  /** Aborted when in-flight probes must be abandoned (the end of the shutdown grace period). */
  abandon: AbortSignal;
  /** Queues each run's alerts in the transaction that records it. */
  queueAlerts?: QueueAlerts;
}

interface Entry {
  monitor: Monitor;
  task: ScheduledTask;
  /** The run starts this long after each slot (spread). */
  offsetMs: number;
  /** Spread timers of slots not started yet. */
  pending: Set<NodeJS.Timeout>;
}

/** How far node-cron may be late for a slot and still run it (it never runs a slot once the next is due). */
const MISSED_TOLERANCE_MS = 60_000;

/**
 * Runs each monitor on its cron schedule (node-cron, in the monitor's time zone), a fixed spread
 * offset after each slot. A slot runs only if this replica claims it in the database, never while
 * the monitor's previous run is in flight, and within the global and per-host concurrency limits.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  /** Runs started or waiting for a concurrency slot, by monitor name. */
  private readonly running = new Map<string, Promise<void>>();
  /** Aborted by `stop`: runs still waiting for a concurrency slot give up (they hold no lease). */
  private readonly queue = new AbortController();
  private stopped = false;
  private readonly overload: OverloadLog;

  constructor(private readonly options: SchedulerOptions) {
    this.overload = new OverloadLog(options.logger);
    // One listener per run waiting for a concurrency slot: many by design, not a leak.
    setMaxListeners(0, this.queue.signal);
  }

  get size(): number {
    return this.entries.size;
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** Schedules a monitor, or replaces the one of the same name (a run in flight finishes first). */
  upsert(monitor: Monitor): void {
    if (this.stopped) return;
    const existing = this.entries.get(monitor.name);
    if (existing && existing.monitor.schedule === monitor.schedule && existing.monitor.timezone === monitor.timezone) {
      existing.monitor = monitor;
      return;
    }
    if (existing) this.remove(monitor.name);
    const task = createTask(monitor.schedule, (context) => this.onSlot(monitor.name, task, context.date), {
      name: `monitor:${monitor.name}`,
      timezone: monitor.timezone,
      missedExecutionTolerance: MISSED_TOLERANCE_MS,
      logger: this.cronLogger(monitor.name),
    });
    task.on('execution:missed', (context) => {
      this.options.metrics.skipped.inc({ reason: 'missed' });
      this.overload.note('missed', monitor.name, context.date);
    });
    const intervalMs = shortestGapMs(task.getNextRuns(8));
    const entry: Entry = { monitor, task, offsetMs: spreadOffsetMs(monitor.name, intervalMs, this.options.spread), pending: new Set() };
    this.entries.set(monitor.name, entry);
    void task.start();
    this.options.metrics.monitors.set(this.entries.size);
  }

  /** Stops scheduling a monitor; a run in flight finishes. */
  remove(name: string): void {
    const entry = this.entries.get(name);
    if (!entry) return;
    this.entries.delete(name);
    for (const timer of entry.pending) clearTimeout(timer);
    entry.pending.clear();
    void entry.task.destroy();
    this.options.metrics.monitors.set(this.entries.size);
  }

  /** Schedules nothing more and cancels runs still waiting for a concurrency slot; runs in flight go on. */
  stop(): void {
    this.stopped = true;
    this.overload.flush();
    for (const name of [...this.entries.keys()]) this.remove(name);
    this.queue.abort();
  }

  /** Resolves when no run is in flight. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private onSlot(name: string, task: ScheduledTask, slot: Date): void {
    const entry = this.entries.get(name);
    if (!entry || entry.task !== task || this.stopped) return;
    const dueAt = slot.getTime() + entry.offsetMs;
    const timer = setTimeout(() => {
      entry.pending.delete(timer);
      this.dispatch(entry, slot, dueAt);
    }, Math.max(0, dueAt - Date.now()));
    entry.pending.add(timer);
  }

  private dispatch(entry: Entry, slot: Date, dueAt: number): void {
    const { monitor } = entry;
    if (this.stopped || this.entries.get(monitor.name) !== entry) return;
    if (this.running.has(monitor.name)) {
      this.options.metrics.skipped.inc({ reason: 'overlap' });
      this.overload.note('overlap', monitor.name, slot);
      return;
    }
    const run = this.execute(monitor, slot, dueAt).finally(() => {
      this.running.delete(monitor.name);
      this.options.metrics.inFlight.set(this.running.size);
    });
    this.running.set(monitor.name, run);
    this.options.metrics.inFlight.set(this.running.size);
  }

  private async execute(monitor: Monitor, slot: Date, dueAt: number): Promise<void> {
    const { store, metrics, replicaId, leaseTtlMs, abandon } = this.options;
    const log = this.options.logger.child({ monitor: monitor.name, slot: slot.toISOString() });
    const lease = { monitor: monitor.name, slot, holder: replicaId };
    try {
      await this.options.limits.run(hostOf(monitor), this.queue.signal, async () => {
        if (this.stopped) return;
        let claim;
        try {
          claim = await claimMonitorRun(store.db, { ...lease, ttlMs: leaseTtlMs });
        } catch (error) {
          metrics.skipped.inc({ reason: 'claim-error' });
          log.error({ err: error }, 'slot skipped: could not claim it in the database');
          return;
        }
        if (!claim.claimed) {
          metrics.skipped.inc({ reason: claim.reason });
          log.debug({ reason: claim.reason }, 'slot not claimed by this replica');
          return;
        }
        const startedAt = Date.now();
        metrics.schedulerLag.observe(Math.max(0, startedAt - dueAt) / 1000);
        const renewal = setInterval(() => {
          renewMonitorRun(store.db, { ...lease, ttlMs: leaseTtlMs }).then(
            (held) => held || log.warn('lease lost while the run was in flight (it expired and another replica took the monitor)'),
            (error: unknown) => log.warn({ err: error }, 'could not renew the lease'),
          );
        }, Math.max(1000, Math.floor(leaseTtlMs / 3)));
        renewal.unref();
        let recorded = false;
        try {
          const result = await runCheck(monitor, {
            store,
            http: { signal: abandon },
            scheduledAt: slot,
            ...(this.options.queueAlerts ? { queueAlerts: this.options.queueAlerts } : {}),
          });
          recorded = result.runId !== undefined;
          this.recordResult(log, result, startedAt, dueAt);
        } catch (error) {
          const seconds = (Date.now() - startedAt) / 1000;
          if (abandon.aborted) {
            log.warn({ durationMs: Math.round(seconds * 1000) }, 'run abandoned at shutdown: nothing recorded for this slot');
          } else {
            metrics.probes.inc({ monitor: monitor.name, outcome: 'error' });
            metrics.probeDuration.observe({ outcome: 'error' }, seconds);
            log.error({ err: error }, 'run failed before it could be recorded');
          }
        } finally {
          clearInterval(renewal);
          // The run row (slot included) ends a recorded run's lease; anything else is released here.
          if (!recorded) {
            await releaseMonitorRun(store.db, lease).catch((error: unknown) => log.warn({ err: error }, 'could not release the lease; it will expire'));
          }
        }
      });
    } catch (error) {
      if (error instanceof AcquireCancelled) return;
      log.error({ err: error }, 'scheduled run failed');
    }
  }

  private recordResult(log: Logger, result: CheckResult, startedAt: number, dueAt: number): void {
    const { metrics } = this.options;
    const durationMs = Date.now() - startedAt;
    metrics.probes.inc({ monitor: result.monitor, outcome: result.status });
    metrics.probeDuration.observe({ outcome: result.status }, durationMs / 1000);
    const fields = {
      runId: result.runId,
      outcome: result.status,
      durationMs,
      lagMs: Math.max(0, startedAt - dueAt),
      baselineVersion: result.baselineVersion,
    };
    switch (result.status) {
      case 'failure':
        metrics.probeFailures.inc({ monitor: result.monitor, kind: result.failure?.kind ?? 'unknown' });
        log.warn({ ...fields, failure: result.failure }, `probe failed (${result.failure?.kind ?? 'unknown'})`);
        return;
      case 'drift': {
        const level = result.summary.breaking > 0 ? 'breaking' : result.summary.warning > 0 ? 'warning' : 'info';
        if (result.driftEventId !== undefined) metrics.driftEvents.inc({ monitor: result.monitor, level });
        log.warn({ ...fields, driftEventId: result.driftEventId, summary: result.summary }, `drift: ${level} changes against baseline v${result.baselineVersion}`);
        return;
      }
      case 'baseline':
        log.info(fields, 'baseline recorded');
        return;
      case 'ok':
        log.info(fields, 'matches baseline');
    }
  }

  private cronLogger(name: string) {
    const log = this.options.logger.child({ monitor: name, component: 'node-cron' });
    return {
      info: (message: string) => log.debug(message),
      warn: (message: string) => log.warn(message),
      error: (message: string | Error, err?: Error) => log.error({ err: err ?? message }, typeof message === 'string' ? message : message.message),
      debug: (message: string | Error) => log.debug(typeof message === 'string' ? message : message.message),
    };
  }
}

function hostOf(monitor: Monitor): string {
  try {
    return new URL(monitor.request.url).host;
  } catch {
    return monitor.request.url;
  }
}

const OVERLOAD_LOG_INTERVAL_MS = 60_000;

/**
 * Slots skipped because the process is behind (`overlap`: the monitor's previous run is still in
 * flight; `missed`: node-cron woke too late). Each one is logged at debug level; a warning sums them
 * up at most once a minute, so an overloaded daemon is not slowed further by its own log.
 */
class OverloadLog {
  private counts = { overlap: 0, missed: 0 };
  private examples: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly logger: Logger) {}

  note(reason: 'overlap' | 'missed', monitor: string, slot: Date): void {
    const fields = { monitor, slot: slot.toISOString(), reason };
    const message = reason === 'overlap' ? 'slot skipped: the previous run of this monitor is still in flight' : 'slot missed: the process was too busy to start it in time';
    if (this.timer === undefined) {
      // The first skip after a quiet minute is logged whole; the next ones are summed up by flush().
      this.logger.warn(fields, message);
      this.timer = setTimeout(() => this.flush(), OVERLOAD_LOG_INTERVAL_MS);
      this.timer.unref();
      return;
    }
    this.logger.debug(fields, message);
    this.counts[reason] += 1;
    if (this.examples.length < 5 && !this.examples.includes(monitor)) this.examples.push(monitor);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const { overlap, missed } = this.counts;
    if (overlap + missed > 0) {
      this.logger.warn(
        { overlap, missed, monitors: this.examples },
        `${overlap + missed} more slots skipped in the last minute (${overlap} still running, ${missed} missed): the daemon is behind its schedules; raise --concurrency, lengthen schedules or add replicas`,
      );
    }
    this.counts = { overlap: 0, missed: 0 };
    this.examples = [];
  }
}
