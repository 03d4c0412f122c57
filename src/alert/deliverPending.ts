import type { Database } from '../store/db.js';
import { ALERT_ENV } from './settings.js';
import type { Alerting } from './alerting.js';
import type { DeliveryCounters } from './worker.js';

export interface PendingDelivery extends DeliveryCounters {
  /** Sentences for stderr: configuration problems, alerts still waiting, alerts given up. */
  warnings: string[];
}

const HOW_TO_ENABLE: Record<string, string> = {
  slack: `set ${ALERT_ENV.slackWebhookUrl}`,
  email: `set ${ALERT_ENV.smtpUrl}, ${ALERT_ENV.emailFrom} and ${ALERT_ENV.emailTo}`,
};

/**
 * What the CLI does before it exits: deliver the alerts that are due, waiting up to `waitMs` for
 * retries, and say what is left. What is left stays in the outbox for the next check or the daemon.
 */
export async function deliverPendingAlerts(db: Database, alerting: Alerting, options: { waitMs: number; signal?: AbortSignal }): Promise<PendingDelivery> {
  const worker = alerting.worker(db);
  const lastError = new Map<string, string>();
  worker.on('failed', (e) => lastError.set(e.channel, e.error));
  const result = await worker.runOnce({ waitMs: options.waitMs, ...(options.signal ? { signal: options.signal } : {}) });
  const warnings = [...alerting.settings.problems];
  const deliverable = new Set(alerting.channels.map((c) => c.name as string));
  for (const b of await worker.backlog()) {
    if (b.pending === 0) continue;
    const alerts = `${b.pending} alert${b.pending === 1 ? '' : 's'} for ${b.channel}`;
    if (!deliverable.has(b.channel)) {
      warnings.push(`${alerts} ${b.pending === 1 ? 'is' : 'are'} waiting: ${HOW_TO_ENABLE[b.channel] ?? 'configure the channel'} to deliver ${b.pending === 1 ? 'it' : 'them'}`);
    } else {
      const error = lastError.get(b.channel);
      warnings.push(`${alerts} could not be delivered yet${error ? ` (${error})` : ''}; the next check or the daemon retries`);
    }
  }
  for (const [channel, counters] of Object.entries(worker.counters)) {
    if (counters.dead > 0) {
      warnings.push(`${counters.dead} alert${counters.dead === 1 ? '' : 's'} for ${channel} given up after repeated failures (${lastError.get(channel) ?? 'see alert_outbox.last_error'})`);
    }
  }
  return { ...result, warnings };
}
