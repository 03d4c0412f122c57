import { setMaxListeners } from 'node:events';
import type { Logger, SecretSet } from '../log.js';
import { openStore, type Store } from '../store/db.js';
import { outboxBacklog } from '../store/outboxBacklog.js';
import { alertingFromEnv, type Alerting } from '../alert/alerting.js';
import { generatedStub } from '../alert/stub-provider.js';
import { defaultProbeRuntime } from '../probe/runtime.js';
import type { DaemonConfig } from './config.js';
import { ConcurrencyLimits } from './limits.js';
import { DaemonMetrics } from './metrics.js';
import { MonitorDirectory } from './monitor-directory.js';
import { checkReadiness, type Readiness } from './readiness.js';
import { startRetention } from './retention.js';
import { Scheduler } from './scheduler.js';
import { startHttpServer, type RunningServer } from './server.js';
import { createAlertWorker, type BackgroundWorker, type WorkerContext } from './worker.js';

export interface DaemonDependencies {
  logger: Logger;
  /** Refilled with every monitor's secrets on each (re)load, so the logger redacts them. */
  secrets: SecretSet;
  /** Where SLACK_WEBHOOK_URL, SMTP_URL and the other alert settings are read from. Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The background worker every replica runs; the alert outbox worker by default. */
  createWorker?: (context: WorkerContext) => BackgroundWorker;
}

const RETENTION_INTERVAL_MS = 3_600_000;
const RETENTION_FIRST_PASS_MS = 60_000;

/**
 * `driftwatch run`: the HTTP endpoints, the database, the monitors directory (watched), the
 * scheduler, the alert worker and run retention, started in that order and stopped in reverse.
 */
export class Daemon {
  readonly metrics: DaemonMetrics;
  private store: Store | undefined;
  private server: RunningServer | undefined;
  private directory: MonitorDirectory | undefined;
  private scheduler: Scheduler | undefined;
  private worker: BackgroundWorker | undefined;
  private alerting: Alerting | undefined;
  private retention: { stop(): Promise<void> } | undefined;
  private fileErrors = 0;
  /** Aborted when in-flight probes and worker deliveries must be abandoned. */
  private readonly abandon = new AbortController();
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private markClosed!: () => void;
  /** Resolves once a shutdown has completed. */
  readonly closed = new Promise<void>((resolve) => {
    this.markClosed = resolve;
  });

  constructor(
    readonly config: DaemonConfig,
    private readonly deps: DaemonDependencies,
  ) {
    // Every in-flight probe listens to it: many listeners by design, not a leak.
    setMaxListeners(0, this.abandon.signal);
    this.metrics = new DaemonMetrics({
      worker: () => this.worker?.metrics() ?? { delivered: {}, failed: {} },
      outboxBacklog: async () =>
        this.store
          ? outboxBacklog(this.store.db)
              .then((channels) => channels.reduce((sum, c) => sum + c.pending, 0))
              .catch(() => undefined)
          : undefined,
    });
  }

  /** The port /healthz, /readyz and /metrics listen on (known once started). */
  get port(): number | undefined {
    return this.server?.port;
  }

  /** Starts everything; returns early (without error) if shutdown began meanwhile. */
  start(): Promise<void> {
    this.starting ??= this.startParts();
    return this.starting;
  }

  private async startParts(): Promise<void> {
    const { config } = this;
    const { logger } = this.deps;
    this.server = await startHttpServer(config.port, { readiness: () => this.readiness(), metrics: this.metrics }, logger);
    logger.info({ port: this.server.port }, `listening on :${this.server.port} (/healthz, /readyz, /metrics)`);
    if (this.stopping) return;

    this.store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    logger.info({ driver: this.store.driver, location: this.store.location }, 'database open and migrated');
    if (this.stopping) return;

    const alertLog = logger.child({ component: 'alerts' });
    const alerting = alertingFromEnv(this.deps.env ?? process.env, { write: (text) => alertLog.info({ channel: 'stdout' }, text), stub: generatedStub });
    this.alerting = alerting;
    for (const problem of alerting.settings.problems) alertLog.warn(problem);
    this.worker = (this.deps.createWorker ?? createAlertWorker)({ store: this.store, logger: alertLog, replicaId: config.replicaId, alerting });
    await this.worker.start(this.abandon.signal);

    const scheduler = new Scheduler({
      store: this.store,
      logger,
      metrics: this.metrics,
      limits: new ConcurrencyLimits({ global: config.concurrency, perHost: config.hostConcurrency }),
      replicaId: config.replicaId,
      leaseTtlMs: config.leaseTtlMs,
      spread: { fraction: config.spreadFraction, maxMs: config.spreadMaxMs },
      abandon: this.abandon.signal,
      queueAlerts: alerting.queueAlerts,
    });
    this.scheduler = scheduler;
    this.directory = new MonitorDirectory(config.monitorsDir, {
      logger,
      pollMs: config.reloadPollMs,
      onLoaded: (errors) => {
        this.fileErrors = errors;
        this.metrics.monitorFileErrors.set(errors);
        this.metrics.reloads.inc({ result: errors > 0 ? 'errors' : 'ok' });
      },
      onChange: (changes) => {
        this.deps.secrets.replace(changes.current.flatMap((m) => m.secrets));
        // Monitors of one host share its rate limit and breaker; the lowest limit any of them sets applies.
        defaultProbeRuntime().hosts.configure(changes.current);
        for (const name of changes.removed) scheduler.remove(name);
        for (const monitor of changes.upserted) scheduler.upsert(monitor);
      },
    });
    await this.directory.load();
    this.directory.watch();
    logger.info(
      { monitors: scheduler.size, fileErrors: this.fileErrors, dir: this.directory.dir, concurrency: config.concurrency, hostConcurrency: config.hostConcurrency },
      `scheduling ${scheduler.size} monitor(s) from ${this.directory.dir}`,
    );

    this.retention = startRetention({
      store: this.store,
      logger,
      metrics: this.metrics,
      days: config.retentionDays,
      intervalMs: RETENTION_INTERVAL_MS,
      initialDelayMs: RETENTION_FIRST_PASS_MS,
    });
  }

  readiness(): Promise<Readiness> {
    return checkReadiness({
      store: this.store,
      monitors: {
        loaded: this.directory?.loaded ?? false,
        readable: this.directory?.readable ?? false,
        count: this.scheduler?.size ?? 0,
        fileErrors: this.fileErrors,
      },
      shuttingDown: this.stopping !== undefined,
    });
  }

  /**
   * Stops scheduling, lets in-flight runs and the worker finish, abandons them when the grace period
   * is nearly over (their probes are cancelled; nothing half-written is left: a run is written in
   * one transaction or not at all), then closes the server and the database. A second call abandons
   * in-flight work at once.
   */
  shutdown(reason: string): Promise<void> {
    if (this.stopping) {
      if (!this.abandon.signal.aborted) {
        this.deps.logger.warn({ reason }, 'second stop request: abandoning in-flight work now');
        this.abandon.abort(new Error(`shutdown (${reason})`));
      }
      return this.stopping;
    }
    this.stopping = this.stopParts(reason).finally(() => this.markClosed());
    return this.stopping;
  }

  private async stopParts(reason: string): Promise<void> {
    const { logger } = this.deps;
    const started = Date.now();
    const deadline = started + this.config.graceMs;
    const abandonAt = deadline - Math.min(2000, this.config.graceMs / 4);
    logger.info({ reason, inFlight: this.scheduler?.inFlight ?? 0, graceMs: this.config.graceMs }, 'shutting down: no new runs');

    await this.starting?.catch(() => undefined);
    await this.directory?.close();
    this.scheduler?.stop();
    // Runs finishing now may still queue alerts: the worker keeps delivering until they are done, flushes once, then stops.
    const drained = Promise.allSettled([
      (async () => {
        await this.scheduler?.idle();
        await this.worker?.flush?.(this.abandon.signal);
        await this.worker?.stop();
      })(),
      this.retention?.stop(),
    ]);
    if (!(await settlesBy(drained, abandonAt))) {
      logger.warn({ inFlight: this.scheduler?.inFlight ?? 0 }, 'grace period nearly over: abandoning in-flight probes and deliveries');
      this.abandon.abort(new Error(`shutdown (${reason})`));
      if (!(await settlesBy(drained, deadline))) logger.error({ inFlight: this.scheduler?.inFlight ?? 0 }, 'in-flight work did not end within the grace period');
    }
    await this.server?.close();
    await this.alerting?.close().catch((error: unknown) => logger.warn({ err: error }, 'closing alert channels failed'));
    if (this.store && !(await settlesBy(this.store.close(), Math.max(deadline, Date.now() + 1000)))) {
      logger.error('the database did not close in time');
    }
    logger.info({ durationMs: Date.now() - started }, 'stopped');
  }
}

/** Whether `work` settles before the instant `until` (ms since epoch). */
async function settlesBy(work: Promise<unknown>, until: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, until - Date.now()));
  });
  const settled = work.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
