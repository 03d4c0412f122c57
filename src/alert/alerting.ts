import type { Environment } from '../config/interpolate.js';
import type { Database } from '../store/db.js';
import type { Channel } from './channels/channel.js';
import { emailChannel } from './channels/email.js';
import { slackChannel } from './channels/slack.js';
import { stdoutChannel } from './channels/stdout.js';
import { alertQueue, type QueueAlerts, type StubProvider } from './queue.js';
import { alertSettingsFromEnv, type AlertSettings } from './settings.js';
import { AlertWorker, type AlertWorkerOptions } from './worker.js';

/** Everything a process needs to alert: what to queue with each run, and what can deliver. */
export interface Alerting {
  settings: AlertSettings;
  /** Pass as `queueAlerts` to runCheck. */
  queueAlerts: QueueAlerts;
  /** The channels this process can deliver to: stdout always, Slack and email when configured. */
  channels: Channel[];
  worker(db: Database, options?: Omit<AlertWorkerOptions, 'db' | 'channels'>): AlertWorker;
  close(): Promise<void>;
}

export interface AlertingOptions {
  /** Where the stdout channel writes. */
  write: (text: string) => void | Promise<void>;
  stub?: StubProvider;
}

/** Alerting as the environment configures it (SLACK_WEBHOOK_URL, SMTP_URL, ALERT_EMAIL_FROM, ALERT_EMAIL_TO). */
export function alertingFromEnv(env: Environment, options: AlertingOptions): Alerting {
  const settings = alertSettingsFromEnv(env);
  const channels: Channel[] = [stdoutChannel(options.write)];
  if (settings.slack) channels.push(slackChannel(settings.slack));
  if (settings.email) channels.push(emailChannel(settings.email));
  return {
    settings,
    queueAlerts: alertQueue({ settings, stub: options.stub }),
    channels,
    worker: (db, workerOptions) =>
      new AlertWorker({
        retry: settings.delivery.retry,
        lockTimeoutMs: settings.delivery.lockTimeoutMs,
        pollIntervalMs: settings.delivery.pollIntervalMs,
        ...workerOptions,
        db,
        channels,
        secrets: [...settings.secrets, ...(workerOptions?.secrets ?? [])],
      }),
    async close() {
      await Promise.all(channels.map((c) => c.close?.()));
    },
  };
}
