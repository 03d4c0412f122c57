import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** Everything `driftwatch run` can be told, with its default; each has an environment variable. */
export interface DaemonConfig {
  monitorsDir: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** HTTP port of /healthz, /readyz and /metrics (0: any free port). */
  port: number;
  /** Runs in flight at once in this replica. */
  concurrency: number;
  /** Runs in flight at once against one vendor host in this replica. */
  hostConcurrency: number;
  /** Share of a schedule's interval over which monitors sharing it are spread. */
  spreadFraction: number;
  /** Upper bound of that spread. */
  spreadMaxMs: number;
  /** Time from SIGTERM to exit: in-flight probes get most of it, then are abandoned. */
  graceMs: number;
  /** How long a claimed run holds its lease without renewal (a dead replica's lease expires after this). */
  leaseTtlMs: number;
  /** Run rows older than this many days are deleted (0: keep all). */
  retentionDays: number;
  /** Rescan interval of the monitors directory, besides file events (0: events only). */
  reloadPollMs: number;
  /** This replica's name on leases and log lines. */
  replicaId: string;
}

export const DAEMON_DEFAULTS = {
  port: 8080,
  concurrency: 16,
  hostConcurrency: 4,
  spreadFraction: 0.5,
  spreadMaxMs: 300_000,
  graceMs: 8000,
  leaseTtlMs: 60_000,
  retentionDays: 30,
  reloadPollMs: 30_000,
} as const;

export function defaultReplicaId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
