import { Command, InvalidArgumentError, Option } from 'commander';
import type { Direction, Level } from '../diff/types.js';
import { acceptCommand } from './commands/accept.js';
import { checkCommand, DEFAULT_ALERT_TIMEOUT_MS } from './commands/check.js';
import { diffCommand, type InputKind } from './commands/diff.js';
import { historyCommand } from './commands/history.js';
import { inferCommand, type InferCommandOptions } from './commands/infer.js';
import { migrateCommand } from './commands/migrate.js';
import { rulesCommand } from './commands/rules.js';
import { runCommand, type RunOptions } from './commands/run.js';
import { DAEMON_DEFAULTS as RUN_DEFAULTS } from '../daemon/config.js';
import { schemaCommand } from './commands/schema.js';
import { stubCommand } from './commands/stub.js';
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
      .addOption(formatOption())
      .option('--no-deliver-alerts', 'queue alerts but leave their delivery to the daemon (or the next check)')
      .option('--alert-timeout <seconds>', 'how long to keep retrying alert deliveries before exiting', parseSeconds, DEFAULT_ALERT_TIMEOUT_MS / 1000)
      .option('--stubs <dir>', 'write an adapter stub (and its contract test) into <dir> for each monitor that drifted'),
  ).action(
    (names: string[], opts: { monitors: string; format: string; databaseUrl?: string; dataDir?: string; deliverAlerts: boolean; alertTimeout: number; stubs?: string }) =>
      run(checkCommand(names, { ...opts, format: asFormat(opts.format), alertTimeoutMs: opts.alertTimeout * 1000 })),
  );

  program
    .command('diff')
    .description('compare two OpenAPI/Swagger documents, JSON Schemas or JSON samples from files or URLs (no database)')
    .argument('<old>', 'old spec, schema or sample (file, URL, or - for stdin)')
    .argument('<new>', 'new spec, schema or sample')
    .addOption(formatOption())
    .addOption(new Option('--as <kind>', 'read inputs as schemas or samples').choices(['auto', 'schema', 'sample']).default('auto'))
    .addOption(new Option('--direction <direction>', 'judge as a response or a request schema').choices(['response', 'request']).default('response'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when a change at or above this level is found').choices(['breaking', 'warning', 'info']).default('breaking'))
    .option('--ignore <pointer...>', 'JSON Pointers into the schema to leave out')
    .option('--operations <operation...>', 'spec documents: only these operations, as "METHOD /path"')
    .action((oldPath: string, newPath: string, opts: { format: string; as: string; direction: string; failOn: string; ignore?: string[]; operations?: string[] }) =>
      run(
        diffCommand(oldPath, newPath, {
          format: asFormat(opts.format),
          as: opts.as as InputKind,
          direction: opts.direction as Direction,
          failOn: opts.failOn as Level,
          ...(opts.ignore ? { ignore: opts.ignore } : {}),
          ...(opts.operations ? { operations: opts.operations } : {}),
        }),
      ),
    );

  program
    .command('infer')
    .description('print the JSON Schema (draft 2020-12) inferred from sample documents')
    .argument('[sample...]', 'JSON, JSON Lines (.jsonl, .ndjson) or YAML sample files (- for stdin)')
    .option('--samples-from <dir>', 'also learn from every sample file in a directory')
    .option('--lines', 'read every input as JSON Lines, one sample per line')
    .addOption(new Option('--flavour <flavour>', 'baseline: enums and formats on evidence only; observation: exactly what was seen').choices(['baseline', 'observation']).default('baseline'))
    .option('--state <file>', 'learning state to start from (if it exists) and to save, so later runs extend it')
    .addOption(new Option('--max-bytes <n>', 'largest document (or JSON Lines line) to read').argParser(positiveInt).default(64 * 1024 * 1024, '64 MiB'))
    .addOption(new Option('--max-depth <n>', 'deepest nesting of arrays and objects to accept').argParser(positiveInt).default(256))
    .action((files: string[], opts: InferCommandOptions) => run(inferCommand(files, opts)));

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

  withDb(
    program
      .command('stub')
      .description('print the TypeScript adapter stub for the newest drift of a monitor (--out also writes its contract test)')
      .argument('<monitor>', 'monitor name')
      .option('-o, --out <dir>', 'write <monitor>.adapter.ts and <monitor>.adapter.test.ts into <dir> instead of printing the adapter')
      .option('--event <id>', 'the drift event to adapt (default: the newest; ids are in driftwatch history)'),
  ).action((name: string, opts: { out?: string; event?: string; databaseUrl?: string; dataDir?: string }) => run(stubCommand(name, opts)));

  program
    .command('validate')
    .description('validate monitor files against the monitor schema (no database, no network)')
    .argument('[file...]', 'monitor files or directories (default: the monitors directory)')
    .addOption(monitorsOption())
    .action((files: string[], opts: { monitors: string }) => run(validateCommand(files, opts)));

  program
    .command('rules')
    .description('print the catalogue of change rules: id, level and what each means')
    .addOption(formatOption())
    .addOption(new Option('--direction <direction>', 'only the rules for responses or for requests').choices(['response', 'request']))
    .action((opts: { format: string; direction?: string }) =>
      run(rulesCommand({ format: asFormat(opts.format), ...(opts.direction ? { direction: opts.direction as Direction } : {}) })),
    );

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

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new InvalidArgumentError('expected a number of seconds, 0 or more');
  return seconds;
}
