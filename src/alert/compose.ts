import type { Monitor } from '../config/types.js';
import type { Change, Level } from '../diff/types.js';
import { levelRank } from '../diff/types.js';
import type { FailureKind } from '../probe/failure.js';
import { displayUrl, redactSecrets } from '../probe/redact.js';
import { requestUrl } from '../probe/http.js';
import { showValue } from '../report/format.js';
import {
  MAX_ALERT_CHANGES,
  type AdapterStub,
  type AlertChange,
  type DriftAlert,
  type ProbeFailingAlert,
  type RecoveredAlert,
  type Reminder,
} from './message.js';

const VALUE_WIDTH = 200;

function base(monitor: Monitor, at: Date) {
  return { monitor: monitor.name, monitorKind: monitor.kind, vendorUrl: displayUrl(requestUrl(monitor.request), monitor.secrets), at: at.toISOString() };
}

/** Most severe first; the diff's order within a level. */
export function mostImportant(changes: readonly Change[]): Change[] {
  return changes.map((change, index) => ({ change, index })).sort((a, b) => levelRank(b.change.level) - levelRank(a.change.level) || a.index - b.index).map((e) => e.change);
}

function alertChange(change: Change): AlertChange {
  const out: AlertChange = {
    id: change.id,
    level: change.level,
    path: change.path || '/',
    message: change.message,
    before: showValue(change.before, VALUE_WIDTH),
    after: showValue(change.after, VALUE_WIDTH),
  };
  if (change.operation !== undefined) out.operation = change.operation;
  return out;
}

export function composeDriftAlert(input: {
  monitor: Monitor;
  at: Date;
  baselineVersion: number;
  changes: readonly Change[];
  summary: Record<Level, number>;
  seenOn: number;
  reminder?: Reminder | undefined;
  stub?: AdapterStub | undefined;
}): DriftAlert {
  const ordered = mostImportant(input.changes);
  const message: DriftAlert = {
    type: 'drift',
    ...base(input.monitor, input.at),
    severity: ordered[0]?.level ?? 'info',
    baselineVersion: input.baselineVersion,
    summary: { ...input.summary },
    changes: ordered.slice(0, MAX_ALERT_CHANGES).map(alertChange),
    totalChanges: input.changes.length,
    seenOn: input.seenOn,
  };
  if (input.reminder) message.reminder = input.reminder;
  if (input.stub) message.stub = input.stub;
  return redactDeep(message, input.monitor.secrets);
}

export function composeProbeFailingAlert(input: {
  monitor: Monitor;
  at: Date;
  failure: { kind: FailureKind; message: string; httpStatus?: number | undefined };
  consecutiveFailures: number;
  failingSince: Date;
  reminder?: Reminder | undefined;
}): ProbeFailingAlert {
  const failure: ProbeFailingAlert['failure'] = { kind: input.failure.kind, message: input.failure.message };
  if (input.failure.httpStatus !== undefined) failure.httpStatus = input.failure.httpStatus;
  const message: ProbeFailingAlert = {
    type: 'probe-failing',
    ...base(input.monitor, input.at),
    failure,
    consecutiveFailures: input.consecutiveFailures,
    failingSince: input.failingSince.toISOString(),
  };
  if (input.reminder) message.reminder = input.reminder;
  return redactDeep(message, input.monitor.secrets);
}

export function composeRecoveredAlert(input: { monitor: Monitor; at: Date; failedProbes: number; failingSince: Date }): RecoveredAlert {
  return redactDeep(
    { type: 'recovered', ...base(input.monitor, input.at), failedProbes: input.failedProbes, failingSince: input.failingSince.toISOString() },
    input.monitor.secrets,
  );
}

/** Every string of a JSON value with the monitor's secrets replaced by `***`. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, secrets);
    if (Array.isArray(v)) return v.map(visit);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
    return v;
  };
  return visit(value) as T;
}
