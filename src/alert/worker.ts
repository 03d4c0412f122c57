import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { redactSecrets } from '../probe/redact.js';
import type { Database } from '../store/db.js';
import { claimOutbox, type OutboxRow } from '../store/claimOutbox.js';
import { completeOutbox } from '../store/completeOutbox.js';
import { DEFAULT_RETRY, failOutbox, type RetryPolicy } from '../store/failOutbox.js';
import { outboxBacklog, type ChannelBacklog } from '../store/outboxBacklog.js';
import { releaseStaleOutbox } from '../store/releaseStaleOutbox.js';
import { coerceDeliveryError, type Channel } from './channels/channel.js';
import type { AlertMessage } from './message.js';

export interface AlertWorkerOptions {
  db: Database;
  /** The channels this process can deliver to; rows for other channels wait for a process that can. */
  channels: readonly Channel[];
  /** Names this worker's locks. Default: host, pid and a random suffix. */
  workerId?: string;
  retry?: Partial<RetryPolicy>;
  /** A claim older than this is taken to be from a worker that died, and released. Default 5 minutes. */
  lockTimeoutMs?: number;
  /** How often the running worker looks for due deliveries. Default 2 s. */
  pollIntervalMs?: number;
  /** The time deliveries are stamped with (email Date header). */
  now?: () => Date;
  /** Values to redact from error messages before they are stored or emitted. */
  secrets?: readonly string[];
}

export interface DeliveredEvent {
  id: number;
  channel: string;
  kind: string;
  dedupeKey: string;
  attempts: number;
}

export interface FailedEvent extends DeliveredEvent {
  error: string;
  /** True when the delivery was given up after its last attempt. */
  dead: boolean;
  retryInMs: number | undefined;
}

export interface AlertWorkerEvents {
  delivered: [DeliveredEvent];
  failed: [FailedEvent];
  /** The loop of a started worker hit an error (a database that went away); it carries on. */
  loopError: [Error];
}

export interface DeliveryCounters {
  delivered: number;
  failed: number;
  dead: number;
}

export interface RunOnceOptions {
  /**
   * Keep delivering for up to this long, waiting for retries and Retry-After pauses that fall due
   * within it. Default 0: deliver what is due now, then return.
   */
  waitMs?: number;
  signal?: AbortSignal;
}

/**
 * Delivers the alert outbox. `runOnce()` serves the CLI; `start()`/`stop()` run it continuously for
 * the daemon, which can read `counters`, listen to the events and ask for `backlog()` for metrics.
 * Several workers (processes, replicas) may share a database: claims use FOR UPDATE SKIP LOCKED.
 */
export class AlertWorker extends EventEmitter<AlertWorkerEvents> {
  readonly workerId: string;
  readonly counters: Record<string, DeliveryCounters> = {};
  private readonly db: Database;
  private readonly channels: Map<string, Channel>;
  private readonly retry: RetryPolicy;
  private readonly lockTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly now: () => Date;
  private readonly secrets: readonly string[];
  /** Channels told to wait (Slack's 429 Retry-After), until this process time. */
  private readonly pausedUntil = new Map<string, number>();
  private loop: Promise<void> | undefined;
  private stopping: AbortController | undefined;
  private wake: (() => void) | undefined;

  constructor(options: AlertWorkerOptions) {
    super();
    this.db = options.db;
    this.channels = new Map(options.channels.map((c) => [c.name, c]));
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.lockTimeoutMs = options.lockTimeoutMs ?? 5 * 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.now = options.now ?? (() => new Date());
    this.secrets = options.secrets ?? [];
    for (const name of this.channels.keys()) this.counters[name] = { delivered: 0, failed: 0, dead: 0 };
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  /** Delivers what is due (and, with `waitMs`, what falls due within it). */
  async runOnce(options: RunOnceOptions = {}): Promise<DeliveryCounters> {
    const result: DeliveryCounters = { delivered: 0, failed: 0, dead: 0 };
    const deadline = Date.now() + (options.waitMs ?? 0);
    await releaseStaleOutbox(this.db, this.lockTimeoutMs);
    while (!options.signal?.aborted) {
      const row = await claimOutbox(this.db, this.workerId, this.readyChannels());
      if (row) {
        const outcome = await this.deliver(row, options.signal);
        result[outcome]++;
        continue;
      }
      const waitMs = await this.nextDueInMs();
      if (waitMs === undefined || Date.now() + waitMs > deadline) break;
      await sleep(waitMs + 5, options.signal);
    }
    return result;
  }

  /** Runs until `stop()` or until `signal` aborts. */
  start(signal?: AbortSignal): void {
    if (this.loop || signal?.aborted) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    signal?.addEventListener('abort', () => void this.stop(), { once: true });
    this.loop = (async () => {
      while (!stopping.signal.aborted) {
        try {
          await this.runOnce({ signal: stopping.signal });
        } catch (error) {
          this.emit('loopError', error instanceof Error ? error : new Error(String(error)));
        }
        if (stopping.signal.aborted) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, this.pollIntervalMs);
          function done() {
            clearTimeout(timer);
            stopping.signal.removeEventListener('abort', done);
            resolve();
          }
          this.wake = done;
          stopping.signal.addEventListener('abort', done, { once: true });
        });
        this.wake = undefined;
      }
    })();
  }

  /** Stops claiming; resolves once the delivery in progress (if any) has finished. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    const loop = this.loop;
    this.loop = undefined;
    await loop;
  }

  /** Looks for due deliveries now instead of at the next poll (after queueing some). */
  nudge(): void {
    this.wake?.();
  }

  /** What is waiting in the outbox, per channel (all channels, not only this worker's). */
  backlog(): Promise<ChannelBacklog[]> {
    return outboxBacklog(this.db);
  }

  private readyChannels(): string[] {
    const now = Date.now();
    return [...this.channels.keys()].filter((name) => (this.pausedUntil.get(name) ?? 0) <= now);
  }

  /** Milliseconds until one of this worker's channels has a delivery due; undefined when none is pending. */
  private async nextDueInMs(): Promise<number | undefined> {
    const now = Date.now();
    let next: number | undefined;
    for (const b of await outboxBacklog(this.db)) {
      if (!this.channels.has(b.channel) || b.nextDueInMs === undefined) continue;
      const wait = Math.max(b.nextDueInMs, (this.pausedUntil.get(b.channel) ?? 0) - now);
      next = next === undefined ? wait : Math.min(next, wait);
    }
    return next;
  }

  private async deliver(row: OutboxRow, signal: AbortSignal | undefined): Promise<keyof DeliveryCounters> {
    const channel = this.channels.get(row.channel)!;
    const counters = this.counters[row.channel]!;
    const event: DeliveredEvent = { id: row.id, channel: row.channel, kind: row.kind, dedupeKey: row.dedupeKey, attempts: row.attempts };
    try {
      await channel.send(row.payload as AlertMessage, { dedupeKey: row.dedupeKey, now: this.now(), signal });
    } catch (thrown) {
      const error = coerceDeliveryError(thrown);
      const text = redactSecrets(error.message, this.secrets);
      if (error.retryAfterMs !== undefined) this.pausedUntil.set(row.channel, Date.now() + error.retryAfterMs);
      const failed = await failOutbox(this.db, { id: row.id, workerId: this.workerId, error: text, notBeforeMs: error.retryAfterMs }, this.retry);
      const dead = failed?.status === 'dead';
      counters[dead ? 'dead' : 'failed']++;
      this.emit('failed', { ...event, error: text, dead, retryInMs: dead ? undefined : failed?.retryInMs });
      return dead ? 'dead' : 'failed';
    }
    await completeOutbox(this.db, row.id);
    counters.delivered++;
    this.emit('delivered', event);
    return 'delivered';
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
