import { defaultReplicaId, type DaemonConfig } from '../../daemon/config.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';

/** Options of `driftwatch run` as commander hands them over (strings from flags or the environment). */
export interface RunOptions {
  monitors: string;
  databaseUrl?: string;
  dataDir?: string;
  port: string;
  concurrency: string;
  hostConcurrency: string;
  spread: string;
  spreadMaxMs: string;
  graceMs: string;
  leaseTtlMs: string;
  retentionDays: string;
  reloadPollMs: string;
  replicaId?: string;
  logLevel: string;
}

/** The daemon: runs until SIGTERM or SIGINT, then stops within the grace period and exits 0. */
export async function runCommand(options: RunOptions): Promise<ExitCode> {
  const config = daemonConfig(options);
  // Loaded here, not at the top: the other commands start faster without the daemon's modules.
  const [{ Daemon }, { createLogger, SecretSet }] = await Promise.all([import('../../daemon/daemon.js'), import('../../log.js')]);
  const secrets = new SecretSet();
  const logger = createLogger({ level: options.logLevel, secrets, base: { replica: config.replicaId } });
  const daemon = new Daemon(config, { logger, secrets });

  const onSignal = (signal: NodeJS.Signals) => void daemon.shutdown(signal);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(EXIT.couldNotCheck);
  });
  process.on('unhandledRejection', (error) => {
    logger.fatal({ err: error }, 'unhandled promise rejection');
    process.exit(EXIT.couldNotCheck);
  });

  try {
    await daemon.start();
  } catch (error) {
    logger.fatal({ err: error }, 'driftwatch could not start');
    await daemon.shutdown('start-up failed');
    throw error;
  }
  await daemon.closed;
  return EXIT.ok;
}

/** Validates the numeric options; a bad value is a usage error naming the option. */
export function daemonConfig(options: RunOptions): DaemonConfig {
  const int = (flag: string, text: string, min: number): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new UsageError(`${flag} must be an integer of at least ${min} (got ${JSON.stringify(text)})`);
    return value;
  };
  const spreadFraction = Number(options.spread);
  if (!(spreadFraction >= 0 && spreadFraction <= 1)) throw new UsageError(`--spread must be a number from 0 to 1 (got ${JSON.stringify(options.spread)})`);
  return {
    monitorsDir: options.monitors,
    databaseUrl: options.databaseUrl || undefined,
    dataDir: options.dataDir ?? '.driftwatch/db',
    port: int('--port', options.port, 0),
    concurrency: int('--concurrency', options.concurrency, 1),
    hostConcurrency: int('--host-concurrency', options.hostConcurrency, 1),
    spreadFraction,
    spreadMaxMs: int('--spread-max-ms', options.spreadMaxMs, 0),
    graceMs: int('--grace-ms', options.graceMs, 100),
    leaseTtlMs: int('--lease-ttl-ms', options.leaseTtlMs, 1000),
    retentionDays: int('--retention-days', options.retentionDays, 0),
    reloadPollMs: int('--reload-poll-ms', options.reloadPollMs, 0),
    replicaId: options.replicaId || defaultReplicaId(),
  };
}
