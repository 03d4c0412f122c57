#!/usr/bin/env node
import { buildProgram } from './cli/program.js';
import { EXIT, UsageError, type ExitCode } from './cli/exit-codes.js';
import { MonitorConfigError } from './config/errors.js';

function finish(code: number): void {
  // Exit once stdout has drained, so piped reports are never cut short.
  process.stdout.write('', () => process.exit(code));
}

const program = buildProgram((pending: Promise<ExitCode>) => {
  pending.then(finish, (error: unknown) => {
    if (error instanceof UsageError || error instanceof MonitorConfigError) {
      process.stderr.write(`driftwatch: ${error.message}\n`);
    } else {
      process.stderr.write(`driftwatch: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    finish(EXIT.couldNotCheck);
  });
});
program.exitOverride((error) => {
  process.exit(error.exitCode === 0 ? 0 : EXIT.couldNotCheck);
});
await program.parseAsync(process.argv);
