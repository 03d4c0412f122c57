import { loadMonitorDirectory } from '../../config/load.js';
import type { Monitor } from '../../config/types.js';
import { hasLevel, runCheck, type CheckResult } from '../../check/runCheck.js';
import { summarize } from '../../diff/filter.js';
import { defaultProbeRuntime } from '../../probe/runtime.js';
import { renderCheckReport } from '../../report/check-report.js';
import type { ReportFormat } from '../../report/format.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { withStore } from '../context.js';
import { alertingFromEnv } from '../../alert/alerting.js';
import { streamWriter } from '../../alert/channels/stdout.js';
import { deliverPendingAlerts } from '../../alert/deliverPending.js';
import { generatedStub } from '../../alert/stub-provider.js';
import { writeStubsForResults } from './stub.js';

export interface CheckOptions {
  monitors: string;
  format: ReportFormat;
  databaseUrl?: string;
  dataDir?: string;
  /** Deliver queued alerts before exiting (default true); false leaves them to the daemon. */
  deliverAlerts?: boolean;
  /** How long to keep retrying alert deliveries before exiting. Default 30 s. */
  alertTimeoutMs?: number;
  /** Write an adapter stub for each drifted monitor into this directory. */
  stubs?: string;
}

export const DEFAULT_ALERT_TIMEOUT_MS = 30_000;

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
    // Alerts printed by the stdout channel follow a text report; they go to stderr where stdout is a document.
    // Monitors of one host share its rate limit and breaker; the lowest limit any of them sets applies.
    defaultProbeRuntime().hosts.configure(selected);
    const alerting = alertingFromEnv(process.env, {
      write: streamWriter(options.format === 'text' ? process.stdout : process.stderr),
      stub: generatedStub,
    });
    try {
      await withStore(options, async (store) => {
        for (const monitor of selected) results.push(await runCheck(monitor, { store, queueAlerts: alerting.queueAlerts }));
        if (options.stubs !== undefined) stubFailures = await writeStubsForResults(store, results, options.stubs);
        process.stdout.write(renderCheckReport(results, options.format));
        if (options.deliverAlerts === false) return;
        const delivery = await deliverPendingAlerts(store.db, alerting, { waitMs: options.alertTimeoutMs ?? DEFAULT_ALERT_TIMEOUT_MS });
        for (const warning of delivery.warnings) process.stderr.write(`driftwatch: ${warning}\n`);
      });
    } finally {
      await alerting.close();
    }
  } else if (results.length === 0) {
    throw new UsageError(`no monitor files in ${options.monitors} (expected *.yaml, *.yml or *.json)`);
  } else {
    process.stdout.write(renderCheckReport(results, options.format));
  }
  if (results.some((r) => hasLevel(r, 'breaking'))) return EXIT.breaking;
  if (results.some((r) => r.status === 'failure') || stubFailures > 0) return EXIT.couldNotCheck;
  return EXIT.ok;
}
