import type { Monitor } from '../config/types.js';
import { diffSchemas } from '../diff/diff.js';
import { filterChanges, summarize } from '../diff/filter.js';
import { LEVELS, levelRank, type Change, type Level } from '../diff/types.js';
import { isProbeFailure, type FailureKind } from '../probe/failure.js';
import type { HttpOptions } from '../probe/http.js';
import { redactSecrets } from '../probe/redact.js';
import { schemaHash } from '../schema/canonical.js';
import { currentBaseline } from '../store/currentBaseline.js';
import type { Store } from '../store/db.js';
import { ensureMonitor } from '../store/ensureMonitor.js';
import { recordRun } from '../store/recordRun.js';
import { observe } from './observe.js';

export type CheckStatus = 'baseline' | 'ok' | 'drift' | 'failure';

export interface CheckResult {
  monitor: string;
  status: CheckStatus;
  /** The baseline version compared against (or created, for `baseline`). */
  baselineVersion?: number;
  /** Changes after the monitor's ignore paths, most severe first. */
  changes: Change[];
  summary: Record<Level, number>;
  failure?: { kind: FailureKind; message: string };
  runId?: number;
  driftEventId?: number;
}

export interface CheckDependencies {
  store: Store;
  http?: HttpOptions;
  now?: () => Date;
  /** The schedule slot this run is for (the daemon sets it; stored on the run). */
  scheduledAt?: Date;
  /** Alert messages to queue with a drift event, one per channel (none by default). */
  planAlerts?: (monitor: Monitor, changes: Change[]) => { channel: string; payload: unknown }[];
}

/**
 * One run of one monitor: probe, infer or normalise, diff against the baseline, persist. The only
 * path by which the CLI and the daemon check a monitor.
 */
export async function runCheck(monitor: Monitor, deps: CheckDependencies): Promise<CheckResult> {
  const now = deps.now ?? (() => new Date());
  const { db } = deps.store;
  const startedAt = now();
  const monitorId = await ensureMonitor(db, monitor.name, monitor.kind);
  const baseline = await currentBaseline(db, monitorId);

  let observation;
  try {
    observation = await observe(monitor, { firstRun: baseline === undefined, http: deps.http });
  } catch (error) {
    if (!isProbeFailure(error)) throw error;
    // A probe cancelled by the caller (daemon shutdown) is abandoned, not a vendor failure: nothing is recorded.
    if (deps.http?.signal?.aborted) throw deps.http.signal.reason;
    const message = redactSecrets(error.message, monitor.secrets);
    const recorded = await recordRun(db, {
      outcome: 'failure',
      monitorId,
      startedAt,
      finishedAt: now(),
      scheduledAt: deps.scheduledAt,
      httpStatus: error.httpStatus,
      failureKind: error.kind,
      failureMessage: message,
      baselineVersion: baseline?.version,
    });
    return {
      monitor: monitor.name,
      status: 'failure',
      ...(baseline ? { baselineVersion: baseline.version } : {}),
      changes: [],
      summary: summarize([]),
      failure: { kind: error.kind, message },
      runId: recorded.runId,
    };
  }

  const timing = { monitorId, startedAt, finishedAt: now(), scheduledAt: deps.scheduledAt, httpStatus: observation.httpStatus };
  if (baseline === undefined) {
    const recorded = await recordRun(db, { ...timing, outcome: 'baseline', kind: observation.kind, schema: observation.schema });
    return { monitor: monitor.name, status: 'baseline', baselineVersion: 1, changes: [], summary: summarize([]), runId: recorded.runId };
  }

  const changes =
    baseline.schemaHash === schemaHash(observation.schema)
      ? []
      : filterChanges(diffSchemas(baseline.document, observation.schema, { mode: observation.mode }), { ignore: monitor.ignore });
  if (changes.length === 0) {
    const recorded = await recordRun(db, { ...timing, outcome: 'ok', baselineVersion: baseline.version });
    return { monitor: monitor.name, status: 'ok', baselineVersion: baseline.version, changes, summary: summarize(changes), runId: recorded.runId };
  }

  const summary = summarize(changes);
  const maxLevel = LEVELS.find((level) => summary[level] > 0) ?? 'info';
  const recorded = await recordRun(db, {
    ...timing,
    outcome: 'drift',
    kind: observation.kind,
    baselineVersion: baseline.version,
    observed: observation.schema,
    changes,
    summary,
    maxLevel,
    alerts: deps.planAlerts?.(monitor, changes) ?? [],
  });
  return {
    monitor: monitor.name,
    status: 'drift',
    baselineVersion: baseline.version,
    changes,
    summary,
    runId: recorded.runId,
    ...(recorded.driftEventId !== undefined ? { driftEventId: recorded.driftEventId } : {}),
  };
}

/** Whether a result contains a change at or above a level. */
export function hasLevel(result: Pick<CheckResult, 'changes'>, level: Level): boolean {
  return result.changes.some((c) => levelRank(c.level) >= levelRank(level));
}
