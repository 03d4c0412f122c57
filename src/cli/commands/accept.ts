import { adoptObservation } from '../../schema/adopt.js';
import { acceptObservation } from '../../store/acceptObservation.js';
import { findMonitor } from '../../store/ensureMonitor.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { withStore } from '../context.js';

export async function acceptCommand(name: string, options: { databaseUrl?: string; dataDir?: string }): Promise<ExitCode> {
  return withStore(options, async (store) => {
    const monitor = await findMonitor(store.db, name);
    if (monitor === undefined) throw new UsageError(`monitor "${name}" has never been checked: run driftwatch check ${name} first`);
    const result = await acceptObservation(store.db, monitor.id, (baseline, observed) =>
      // An endpoint's observation is a sample: keep what the baseline learned about variance. A published document is adopted whole.
      monitor.kind === 'endpoint' ? adoptObservation(baseline, observed) : observed,
    );
    if (!result.accepted) {
      const why =
        result.reason === 'no-baseline'
          ? `monitor "${name}" has no baseline yet: run driftwatch check ${name}`
          : `nothing to accept for "${name}": its last check matched the baseline`;
      process.stdout.write(`${why}\n`);
      return EXIT.ok;
    }
    process.stdout.write(`${name}: baseline v${result.version} accepted (from run ${result.fromRunId}); earlier versions are kept in history\n`);
    return EXIT.ok;
  });
}
