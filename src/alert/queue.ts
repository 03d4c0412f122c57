import type { Monitor } from '../config/types.js';
import { levelRank, type Change } from '../diff/types.js';
import type { FailureKind } from '../probe/failure.js';
import type { JsonSchema } from '../schema/types.js';
import type { Database } from '../store/db.js';
import { enqueueAlerts, type OutboxKind } from '../store/enqueueAlerts.js';
import { driftFingerprint, type RecordedRun, type RunRecord } from '../store/recordRun.js';
import { trackDrift } from '../store/trackDrift.js';
import { trackProbeHealth } from '../store/trackProbeHealth.js';
import { composeDriftAlert, composeProbeFailingAlert, composeRecoveredAlert, redactDeep } from './compose.js';
import type { AdapterStub, AlertMessage } from './message.js';
import { alertPolicy } from './policy.js';
import type { AlertSettings } from './settings.js';

/** Generates the adapter stub for a drift (issue 8 provides one); undefined when it has none. */
export type StubProvider = (input: {
  monitor: Monitor;
  changes: readonly Change[];
  baseline: JsonSchema;
  baselineVersion: number;
  observed: JsonSchema;
  observedAt: Date;
}) => Promise<AdapterStub | undefined> | AdapterStub | undefined;

/** The hook runCheck calls inside the transaction that records a run. */
export type QueueAlerts = (tx: Database, monitor: Monitor, record: RunRecord, recorded: RecordedRun) => Promise<void>;

export interface AlertQueueOptions {
  settings: Pick<AlertSettings, 'defaultChannels' | 'secrets'>;
  stub?: StubProvider | undefined;
}

/**
 * Decides, for each recorded run, what to alert about, and queues one outbox row per channel in the
 * run's own transaction: a drift once it has been seen on `confirm` probes in a row (once per
 * baseline version and fingerprint of the changes at or above `minLevel`), a reminder while it is
 * still seen, "probe failing" after `failingAfter` failures in a row, and "recovered" after that.
 */
export function alertQueue(options: AlertQueueOptions): QueueAlerts {
  return async (tx, monitor, record, recorded) => {
    const policy = alertPolicy(monitor, options.settings);
    const at = record.finishedAt;
    const outbox: { kind: OutboxKind; key: string; message: AlertMessage; noticeId: number; driftEventId?: number | undefined }[] = [];

    const health = await trackProbeHealth(tx, {
      monitorId: record.monitorId,
      failed: record.outcome === 'failure',
      runId: recorded.runId,
      at,
      failingAfter: policy.failingAfter,
      remindAfterMs: policy.remindAfterMs,
    });
    if (record.outcome === 'failure') {
      const failure = { kind: record.failureKind as FailureKind, message: record.failureMessage, httpStatus: record.httpStatus };
      if (health.action === 'failing') {
        outbox.push({
          kind: 'probe-failing',
          key: `probe-failing:${health.noticeId}:run-${recorded.runId}`,
          noticeId: health.noticeId,
          message: composeProbeFailingAlert({ monitor, at, failure, consecutiveFailures: health.consecutiveFailures, failingSince: health.failingSince }),
        });
      } else if (health.action === 'remind') {
        outbox.push({
          kind: 'reminder',
          key: `probe-failing-reminder:${health.noticeId}:run-${recorded.runId}`,
          noticeId: health.noticeId,
          message: composeProbeFailingAlert({
            monitor,
            at,
            failure,
            consecutiveFailures: health.consecutiveFailures,
            failingSince: health.failingSince,
            reminder: { number: health.reminder, openSince: health.failingSince.toISOString() },
          }),
        });
      }
    } else if (health.action === 'recovered') {
      outbox.push({
        kind: 'recovered',
        key: `recovered:${health.noticeId}:run-${recorded.runId}`,
        noticeId: health.noticeId,
        message: composeRecoveredAlert({ monitor, at, failedProbes: health.failedProbes, failingSince: health.failingSince }),
      });
    }

    if (record.outcome === 'ok' || record.outcome === 'drift') {
      const alerting = record.outcome === 'drift' ? record.changes.filter((c) => levelRank(c.level) >= levelRank(policy.minLevel)) : [];
      const subject = alerting.length > 0 && record.outcome === 'drift' ? `${record.baselineVersion}:${driftFingerprint(alerting)}` : undefined;
      const drift = await trackDrift(tx, { monitorId: record.monitorId, subject, runId: recorded.runId, at, confirm: policy.confirm, remindAfterMs: policy.remindAfterMs });
      if (record.outcome === 'drift' && (drift.action === 'alert' || drift.action === 'remind')) {
        const stub = await safeStub(options.stub, {
          monitor,
          changes: record.changes,
          baseline: record.baseline,
          baselineVersion: record.baselineVersion,
          observed: record.observed,
          observedAt: at,
        });
        const reminder = drift.action === 'remind' ? { number: drift.reminder, openSince: drift.firstSeenAt.toISOString() } : undefined;
        outbox.push({
          kind: drift.action === 'alert' ? 'drift' : 'reminder',
          key: drift.action === 'alert' ? `drift:${drift.noticeId}` : `reminder:${drift.noticeId}:${drift.reminder}`,
          noticeId: drift.noticeId,
          driftEventId: recorded.driftEventId,
          message: composeDriftAlert({
            monitor,
            at,
            baselineVersion: record.baselineVersion,
            changes: record.changes,
            summary: record.summary,
            seenOn: drift.streak,
            reminder,
            stub,
          }),
        });
      }
    }

    const entries = outbox.flatMap((item) =>
      policy.channels.map((channel) => ({
        monitorId: record.monitorId,
        noticeId: item.noticeId,
        driftEventId: item.driftEventId,
        channel,
        kind: item.kind,
        dedupeKey: `${item.key}:${channel}`,
        // The deployment's own secrets (webhook URL, SMTP password) never reach a payload either.
        payload: redactDeep(item.message, options.settings.secrets),
      })),
    );
    await enqueueAlerts(tx, entries);
  };
}

async function safeStub(provider: StubProvider | undefined, input: Parameters<StubProvider>[0]): Promise<AdapterStub | undefined> {
  if (!provider) return undefined;
  try {
    return await provider(input);
  } catch {
    // A stub that cannot be generated must not cost the alert (nor the run's transaction).
    return undefined;
  }
}
