import { Command, Option } from 'commander';
import type { Direction, Level } from '../diff/types.js';
import { acceptCommand } from './commands/accept.js';
import { checkCommand } from './commands/check.js';
import { diffCommand, type InputKind } from './commands/diff.js';
import { historyCommand } from './commands/history.js';
import { inferCommand } from './commands/infer.js';
import { migrateCommand } from './commands/migrate.js';
import { runCommand, type RunOptions } from './commands/run.js';
import { DAEMON_DEFAULTS as RUN_DEFAULTS } from '../daemon/config.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { asFormat, databaseOptions, formatOption, monitorsOption } from './context.js';
import type { ExitCode } from './exit-codes.js';

type Run = (code: Promise<ExitCode>) => void;

/** The `driftwatch` command line; `run` receives each action's exit code. */
export function buildProgram(run: Run): Command {
  const program = new Command('driftwatch')
    .description('Schema drift monitor for the third-party APIs you depend on.\nExit codes: 0 nothing breaking, 1 breaking drift found, 2 could not check.')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(run driftwatch --help for usage)');

  const withDb = (command: Command): Command => {
    for (const option of databaseOptions()) command.addOption(option);
    return command;
  };

  withDb(
    program
      .command('check')
      .description('probe monitors now: record a baseline on first run, report drift after')
      .argument('[monitor...]', 'monitor names (default: all in the monitors directory)')
      .addOption(monitorsOption())
      .addOption(formatOption()),
  ).action((names: string[], opts: { monitors: string; format: string; databaseUrl?: string; dataDir?: string }) =>
    run(checkCommand(names, { ...opts, format: asFormat(opts.format) })),
  );

  program
    .command('diff')
    .description('compare two JSON Schemas or two JSON samples from files (no database)')
    .argument('<old>', 'old schema or sample (file, or - for stdin)')
    .argument('<new>', 'new schema or sample')
    .addOption(formatOption())
    .addOption(new Option('--as <kind>', 'read inputs as schemas or samples').choices(['auto', 'schema', 'sample']).default('auto'))
    .addOption(new Option('--direction <direction>', 'judge as a response or a request schema').choices(['response', 'request']).default('response'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when a change at or above this level is found').choices(['breaking', 'warning', 'info']).default('breaking'))
    .option('--ignore <pointer...>', 'JSON Pointers into the schema to leave out')
    .action((oldPath: string, newPath: string, opts: { format: string; as: string; direction: string; failOn: string; ignore?: string[] }) =>
      run(
        diffCommand(oldPath, newPath, {
          format: asFormat(opts.format),
          as: opts.as as InputKind,
          direction: opts.direction as Direction,
          failOn: opts.failOn as Level,
          ...(opts.ignore ? { ignore: opts.ignore } : {}),
        }),
      ),
    );

  program
    .command('infer')
    .description('print the JSON Schema (draft 2020-12) inferred from sample documents')
    .argument('<sample...>', 'JSON sample files (- for stdin)')
    .action((files: string[]) => run(inferCommand(files)));

  withDb(
    program
      .command('accept')
      .description('make the last observed schema of a monitor its new baseline (history is kept)')
      .argument('<monitor>', 'monitor name'),
  ).action((name: string, opts: { databaseUrl?: string; dataDir?: string }) => run(acceptCommand(name, opts)));

  withDb(
    program
      .command('history')
      .description('list baseline versions, drift events and recent runs of a monitor')
      .argument('<monitor>', 'monitor name')
      .addOption(formatOption()),
  ).action((name: string, opts: { format: string; databaseUrl?: string; dataDir?: string }) =>
    run(historyCommand(name, { ...opts, format: asFormat(opts.format) })),
  );

  program
    .command('validate')
    .description('validate monitor files against the monitor schema (no database, no network)')
    .argument('[file...]', 'monitor files or directories (default: the monitors directory)')
    .addOption(monitorsOption())
    .action((files: string[], opts: { monitors: string }) => run(validateCommand(files, opts)));

  program
    .command('schema')
    .description('print the JSON Schema of monitor files (for editor completion)')
    .action(() => run(schemaCommand()));

  const runOption = (flags: string, description: string, env: string, value: string | number) =>
    new Option(flags, description).env(env).default(String(value));
  withDb(
    program
      .command('run')
      .description('the daemon: probe every monitor on its schedule; serve /healthz, /readyz and /metrics; stop cleanly on SIGTERM')
      .addOption(monitorsOption())
      .addOption(runOption('--port <port>', 'HTTP port of /healthz, /readyz and /metrics', 'PORT', RUN_DEFAULTS.port))
      .addOption(runOption('--concurrency <n>', 'runs in flight at once', 'DRIFTWATCH_CONCURRENCY', RUN_DEFAULTS.concurrency))
      .addOption(runOption('--host-concurrency <n>', 'runs in flight at once against one vendor host', 'DRIFTWATCH_HOST_CONCURRENCY', RUN_DEFAULTS.hostConcurrency))
      .addOption(runOption('--spread <fraction>', 'share of the schedule interval monitors sharing a schedule are spread over', 'DRIFTWATCH_SPREAD', RUN_DEFAULTS.spreadFraction))
      .addOption(runOption('--spread-max-ms <ms>', 'upper bound of that spread', 'DRIFTWATCH_SPREAD_MAX_MS', RUN_DEFAULTS.spreadMaxMs))
      .addOption(runOption('--grace-ms <ms>', 'time from SIGTERM to exit; in-flight probes are abandoned near its end', 'DRIFTWATCH_GRACE_MS', RUN_DEFAULTS.graceMs))
      .addOption(runOption('--lease-ttl-ms <ms>', 'how long a claimed run holds its lease without renewal', 'DRIFTWATCH_LEASE_TTL_MS', RUN_DEFAULTS.leaseTtlMs))
      .addOption(runOption('--retention-days <days>', 'delete run rows older than this (0 keeps all)', 'DRIFTWATCH_RETENTION_DAYS', RUN_DEFAULTS.retentionDays))
      .addOption(runOption('--reload-poll-ms <ms>', 'rescan of the monitors directory besides file events (0: events only)', 'DRIFTWATCH_RELOAD_POLL_MS', RUN_DEFAULTS.reloadPollMs))
      .addOption(new Option('--replica-id <id>', 'name of this replica on leases and log lines (default: host:pid:random)').env('DRIFTWATCH_REPLICA_ID'))
      .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).env('LOG_LEVEL').default('info')),
  ).action((opts: RunOptions) => run(runCommand(opts)));

  withDb(program.command('migrate').description('create or upgrade the database schema')).action(
    (opts: { databaseUrl?: string; dataDir?: string }) => run(migrateCommand(opts)),
  );

  return program;
}
