import { loadMonitorDirectory } from '../../config/load.js';
import type { Monitor } from '../../config/types.js';
import { hasLevel, runCheck, type CheckResult } from '../../check/runCheck.js';
import { summarize } from '../../diff/filter.js';
import { renderCheckReport } from '../../report/check-report.js';
import type { ReportFormat } from '../../report/format.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { withStore } from '../context.js';
import { writeStubsForResults } from './stub.js';

export interface CheckOptions {
  monitors: string;
  format: ReportFormat;
  databaseUrl?: string;
  dataDir?: string;
  /** Write an adapter stub for each drifted monitor into this directory. */
  stubs?: string;
}

export async function checkCommand(names: string[], options: CheckOptions): Promise<ExitCode> {
  const loaded = await loadMonitorDirectory(options.monitors);
  const wanted = new Set(names);
  const known = new Set([...loaded.monitors.map((m) => m.name), ...loaded.errors.map((e) => e.monitor).filter((n): n is string => !!n)]);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new UsageError(`no monitor named ${unknown.map((n) => `"${n}"`).join(', ')} in ${options.monitors}`);
  }
  const selected: Monitor[] = names.length === 0 ? loaded.monitors : loaded.monitors.filter((m) => wanted.has(m.name));
  const configErrors = loaded.errors.filter((e) => names.length === 0 || (e.monitor !== undefined && wanted.has(e.monitor)));

  const results: CheckResult[] = configErrors.map((error) => ({
    monitor: error.monitor ?? error.file,
    status: 'failure',
    changes: [],
    summary: summarize([]),
    failure: { kind: 'invalid-monitor', message: error.message },
  }));
  let stubFailures = 0;
  if (selected.length > 0) {
    await withStore(options, async (store) => {
      for (const monitor of selected) results.push(await runCheck(monitor, { store }));
      if (options.stubs !== undefined) stubFailures = await writeStubsForResults(store, results, options.stubs);
    });
  } else if (results.length === 0) {
    throw new UsageError(`no monitor files in ${options.monitors} (expected *.yaml, *.yml or *.json)`);
  }
  process.stdout.write(renderCheckReport(results, options.format));
  if (results.some((r) => hasLevel(r, 'breaking'))) return EXIT.breaking;
  if (results.some((r) => r.status === 'failure') || stubFailures > 0) return EXIT.couldNotCheck;
  return EXIT.ok;
}
