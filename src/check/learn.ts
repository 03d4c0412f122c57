import type { Monitor } from '../config/types.js';
import { summarize } from '../diff/filter.js';
import { InferenceError } from '../schema/errors.js';
import { emptyState, extendState, stateFromJson, stateSchema, stateToJson, type LearningState } from '../schema/state.js';
import type { JsonSchema } from '../schema/types.js';
import type { Database } from '../store/db.js';
import { learningState } from '../store/learningState.js';
import { recordLearning } from '../store/recordLearning.js';
import type { RecordedRun, RunRecord } from '../store/recordRun.js';
import type { Observation } from './observe.js';
import type { CheckResult } from './runCheck.js';

/*
 * `learn: { samples: N }`: a new endpoint baseline keeps learning over its first N runs (one probe
 * each, at the monitor's schedule, so the samples are spread over time) instead of probing N times
 * in a row. Each run adds its response to the learning state and records the schema learned so
 * far as the baseline (a new version only when it changed); what the samples disagree on is
 * variance, not drift, so nothing is reported until learning is done. A list endpoint learns from
 * every element of its array. The state is kept in the store between runs and deleted at the end.
 */

/** A run that learns: from a fresh state (the first run) or from the one stored by the runs before. */
export interface Learning {
  /** The stored state to continue, or undefined to start (first run). */
  stored: { samples: number; state: unknown } | undefined;
}

/** Whether this run of the monitor is (still) learning its baseline, and from what. */
export async function learningFor(db: Database, monitor: Monitor, monitorId: number, hasBaseline: boolean): Promise<Learning | undefined> {
  if (monitor.kind !== 'endpoint') return undefined;
  if (!hasBaseline) return { stored: undefined };
  const stored = await learningState(db, monitorId);
  return stored ? { stored } : undefined;
}

/** Adds the run's response to the learning state and records the baseline learned so far. */
export async function learnFromObservation(
  db: Database,
  monitor: Monitor,
  learning: Learning,
  observation: Observation,
  timing: { monitorId: number; startedAt: Date; finishedAt: Date; scheduledAt?: Date | undefined; httpStatus: number },
  /** Work to do in the transaction that records the run (queueing alerts), given the run as a `baseline` record. */
  afterRecord?: (tx: Database, record: RunRecord, recorded: RecordedRun) => Promise<void>,
): Promise<CheckResult> {
  const state: LearningState = learning.stored ? stateFromJson(learning.stored.state) : emptyState('baseline');
  try {
    extendState(state, observation.samples ?? []);
  } catch (error) {
    // The observation was already inferred from the same samples, so a refusal here is a bug, not input.
    if (error instanceof InferenceError) throw new Error(`learning ${monitor.name}: ${error.message}`);
    throw error;
  }
  const target = Math.max(1, monitor.learnSamples);
  const done = state.samples >= target;
  const schema: JsonSchema = stateSchema(state);
  const record: RunRecord = { ...timing, outcome: 'baseline', kind: observation.kind, schema };
  const recorded = await recordLearning(
    db,
    { ...timing, kind: observation.kind, schema, samples: state.samples, target, state: done ? undefined : stateToJson(state) },
    afterRecord && ((tx, learned) => afterRecord(tx, record, learned)),
  );
  return {
    monitor: monitor.name,
    status: 'baseline',
    baselineVersion: recorded.baselineVersion,
    changes: [],
    summary: summarize([]),
    runId: recorded.runId,
    learning: { samples: state.samples, target },
  };
}
