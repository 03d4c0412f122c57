import type { Monitor } from '../config/types.js';
import { diffSchemas } from '../diff/diff.js';
import { filterChanges, summarize } from '../diff/filter.js';
import { LEVELS, levelRank, type Change, type Level } from '../diff/types.js';
import { isProbeFailure, type FailureKind } from '../probe/failure.js';
import type { HttpOptions } from '../probe/http.js';
import { redactSecrets } from '../probe/redact.js';
import { adoptObservation, withoutObservedEnums } from '../schema/adopt.js';
import { schemaHash } from '../schema/canonical.js';
import { isSchemaObject } from '../schema/normalize.js';
import { currentBaseline } from '../store/currentBaseline.js';
import type { Database, Store } from '../store/db.js';
import { ensureMonitor } from '../store/ensureMonitor.js';
import { recordRun as recordRunRows, type RecordedRun, type RunRecord } from '../store/recordRun.js';
import { learnFromObservation, learningFor } from './learn.js';
import { observe, type Observation } from './observe.js';

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
  /** What the probe had to do that the user should know: a rotated key, a refreshed token, retries. Absent when nothing. */
  notices?: string[];
  /** While an endpoint baseline learns (`learn.samples`): samples learned from so far, of how many. */
  learning?: { samples: number; target: number };
  runId?: number;
  driftEventId?: number;
}

export interface CheckDependencies {
  store: Store;
  http?: HttpOptions;
  now?: () => Date;
  /** Queues alerts inside the transaction that records the run (src/alert/queue.ts; none by default). */
  queueAlerts?: (tx: Database, monitor: Monitor, record: RunRecord, recorded: RecordedRun) => Promise<void>;
  /** The schedule slot this run is for (the daemon sets it; stored on the run). */
  scheduledAt?: Date;
}

/**
 * One run of one monitor: probe, infer or normalise, diff against the baseline, persist. The only
 * path by which the CLI and the daemon check a monitor.
 */
export async function runCheck(monitor: Monitor, deps: CheckDependencies): Promise<CheckResult> {
  const now = deps.now ?? (() => new Date());
  const { db } = deps.store;
  const queueAlerts = deps.queueAlerts;
  // Each run is recorded with the alerts it calls for, in one transaction.
  const recordRun = (database: Database, run: RunRecord) => recordRunRows(database, run, queueAlerts && ((tx, recorded) => queueAlerts(tx, monitor, run, recorded)));
  const startedAt = now();
  const monitorId = await ensureMonitor(db, monitor.name, monitor.kind);
  const baseline = await currentBaseline(db, monitorId);
  const learning = await learningFor(db, monitor, monitorId, baseline !== undefined);

  const noticed: string[] = [];
  const http = {
    ...deps.http,
    onNotice: (text: string) => {
      noticed.push(redactSecrets(text, monitor.secrets));
      deps.http?.onNotice?.(text);
    },
  };
  const notices = () => (noticed.length > 0 ? { notices: noticed } : {});
  let observation;
  try {
    observation = await observe(monitor, { firstRun: baseline === undefined, http, baseline: baseline?.document });
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
      ...notices(),
      runId: recorded.runId,
    };
  }

  const timing = { monitorId, startedAt, finishedAt: now(), scheduledAt: deps.scheduledAt, httpStatus: observation.httpStatus };
  if (learning !== undefined) {
    const afterRecord = queueAlerts && ((tx: Database, record: RunRecord, recorded: RecordedRun) => queueAlerts(tx, monitor, record, recorded));
    return { ...(await learnFromObservation(db, monitor, learning, observation, timing, afterRecord)), ...notices() };
  }
  if (baseline === undefined) {
    const recorded = await recordRun(db, { ...timing, outcome: 'baseline', kind: observation.kind, schema: observation.schema });
    return { monitor: monitor.name, status: 'baseline', baselineVersion: 1, changes: [], summary: summarize([]), ...notices(), runId: recorded.runId };
  }

  const changes =
    baseline.schemaHash === schemaHash(observation.schema)
      ? []
      : withoutResponseValues(
          filterChanges(observation.compare?.(baseline.document) ?? diffSchemas(baseline.document, observation.schema, { mode: observation.mode }), {
            ignore: monitor.ignore,
          }),
          observation.mode,
        );
  if (changes.length === 0) {
    const recorded = await recordRun(db, { ...timing, outcome: 'ok', baselineVersion: baseline.version });
    return { monitor: monitor.name, status: 'ok', baselineVersion: baseline.version, changes, summary: summarize(changes), ...notices(), runId: recorded.runId };
  }

  const summary = summarize(changes);
  const maxLevel = LEVELS.find((level) => summary[level] > 0) ?? 'info';
  const recorded = await recordRun(db, {
    ...timing,
    outcome: 'drift',
    kind: observation.kind,
    baselineVersion: baseline.version,
    baseline: baseline.document,
    // An endpoint's observation may hold response values: what is stored is the baseline accepting it would make.
    observed: observation.mode === 'observation' ? adoptObservation(baseline.document, observation.schema) : observation.schema,
    changes,
    summary,
    maxLevel,
  });
  return {
    monitor: monitor.name,
    status: 'drift',
    baselineVersion: baseline.version,
    changes,
    summary,
    ...notices(),
    runId: recorded.runId,
    ...(recorded.driftEventId !== undefined ? { driftEventId: recorded.driftEventId } : {}),
  };
}

/** Whether a result contains a change at or above a level. */
export function hasLevel(result: Pick<CheckResult, 'changes'>, level: Level): boolean {
  return result.changes.some((c) => levelRank(c.level) >= levelRank(level));
}

/**
 * Changes as reported and stored: in observation mode a schema fragment taken from the observation
 * (a new property, say) loses the `enum` that lists the response values seen, unless the baseline
 * side had an enum there too (then the values are what the change is about).
 */
function withoutResponseValues(changes: Change[], mode: Observation['mode']): Change[] {
  if (mode !== 'observation') return changes;
  return changes.map((change) =>
    isSchemaObject(change.after) && !(isSchemaObject(change.before) && Array.isArray(change.before.enum))
      ? { ...change, after: withoutObservedEnums(change.after) }
      : change,
  );
}
