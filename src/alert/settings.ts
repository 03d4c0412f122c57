import { readFileSync } from 'node:fs';
import type { AlertChannelName } from '../config/types.js';
import type { Environment } from '../config/interpolate.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../store/failOutbox.js';

export interface SlackSettings {
  webhookUrl: string;
}

export interface EmailSettings {
  smtpUrl: string;
  from: string;
  to: string[];
}

/** How the outbox worker retries and recovers deliveries. */
export interface DeliverySettings {
  retry: RetryPolicy;
  /** A claim older than this is taken to be from a worker that died, and released. */
  lockTimeoutMs: number;
  /** How often a running worker looks for due deliveries. */
  pollIntervalMs: number;
}

export const DEFAULT_DELIVERY: DeliverySettings = { retry: DEFAULT_RETRY, lockTimeoutMs: 5 * 60_000, pollIntervalMs: 2_000 };

/** Where alerts can go, from the environment. */
export interface AlertSettings {
  slack: SlackSettings | undefined;
  email: EmailSettings | undefined;
  delivery: DeliverySettings;
  /** The channels of a monitor without `alert.channels`: each configured one, else stdout. */
  defaultChannels: AlertChannelName[];
  /** Configuration that is only half there, as sentences for a warning. */
  problems: string[];
  /** Values never to show in a message, a log line or the database (webhook URL, SMTP password). */
  secrets: string[];
}

export const ALERT_ENV = {
  slackWebhookUrl: 'SLACK_WEBHOOK_URL',
  smtpUrl: 'SMTP_URL',
  emailFrom: 'ALERT_EMAIL_FROM',
  emailTo: 'ALERT_EMAIL_TO',
  retryBaseMs: 'ALERT_RETRY_BASE_MS',
  retryMaxMs: 'ALERT_RETRY_MAX_MS',
  maxAttempts: 'ALERT_MAX_ATTEMPTS',
  lockTimeoutMs: 'ALERT_LOCK_TIMEOUT_MS',
  pollMs: 'ALERT_POLL_MS',
} as const;

/**
 * Reads the alert settings: `SLACK_WEBHOOK_URL`; `SMTP_URL`, `ALERT_EMAIL_FROM` and `ALERT_EMAIL_TO`
 * (comma-separated). Each may instead be given as a file named by `<NAME>_FILE`, as with Docker and
 * Kubernetes secrets. The outbox worker's timing: `ALERT_RETRY_BASE_MS`, `ALERT_RETRY_MAX_MS`,
 * `ALERT_MAX_ATTEMPTS`, `ALERT_LOCK_TIMEOUT_MS`, `ALERT_POLL_MS`.
 */
export function alertSettingsFromEnv(env: Environment): AlertSettings {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const direct = env[name]?.trim();
    if (direct) return direct;
    const file = env[`${name}_FILE`];
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8').trim() || undefined;
    } catch (error) {
      problems.push(`${name}_FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  };

  const secrets: string[] = [];
  let slack: SlackSettings | undefined;
  const webhookUrl = read(ALERT_ENV.slackWebhookUrl);
  if (webhookUrl) {
    if (isHttpUrl(webhookUrl)) {
      slack = { webhookUrl };
      secrets.push(webhookUrl, ...urlSecrets(webhookUrl));
    } else problems.push(`${ALERT_ENV.slackWebhookUrl} is not an http(s) URL: Slack alerts are off`);
  }

  let email: EmailSettings | undefined;
  const smtpUrl = read(ALERT_ENV.smtpUrl);
  const from = read(ALERT_ENV.emailFrom);
  const to = (read(ALERT_ENV.emailTo) ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (smtpUrl) secrets.push(...urlSecrets(smtpUrl));
  if (smtpUrl || from || to.length > 0) {
    const missing = [
      smtpUrl ? undefined : ALERT_ENV.smtpUrl,
      from ? undefined : ALERT_ENV.emailFrom,
      to.length > 0 ? undefined : ALERT_ENV.emailTo,
    ].filter((n) => n !== undefined);
    if (missing.length > 0) problems.push(`email alerts need ${missing.join(' and ')} as well: email alerts are off`);
    else if (!/^smtps?:\/\//i.test(smtpUrl!)) problems.push(`${ALERT_ENV.smtpUrl} must start with smtp:// or smtps://: email alerts are off`);
    else email = { smtpUrl: smtpUrl!, from: from!, to };
  }

  const defaultChannels: AlertChannelName[] = [];
  if (slack) defaultChannels.push('slack');
  if (email) defaultChannels.push('email');
  if (defaultChannels.length === 0) defaultChannels.push('stdout');
  const delivery = deliverySettings(env, problems);
  return { slack, email, delivery, defaultChannels, problems, secrets: secrets.filter((s) => s.length >= 4) };
}

function deliverySettings(env: Environment, problems: string[]): DeliverySettings {
  const int = (name: string, fallback: number, min: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (Number.isInteger(value) && value >= min) return value;
    problems.push(`${name} must be an integer of at least ${min} (got ${JSON.stringify(text)}): using ${fallback}`);
    return fallback;
  };
  const baseDelayMs = int(ALERT_ENV.retryBaseMs, DEFAULT_RETRY.baseDelayMs, 1);
  return {
    retry: {
      baseDelayMs,
      maxDelayMs: Math.max(baseDelayMs, int(ALERT_ENV.retryMaxMs, DEFAULT_RETRY.maxDelayMs, 1)),
      maxAttempts: int(ALERT_ENV.maxAttempts, DEFAULT_RETRY.maxAttempts, 1),
    },
    lockTimeoutMs: lockTimeout(int(ALERT_ENV.lockTimeoutMs, DEFAULT_DELIVERY.lockTimeoutMs, 1000), problems),
    pollIntervalMs: int(ALERT_ENV.pollMs, DEFAULT_DELIVERY.pollIntervalMs, 10),
  };
}

/** The longest one send may take: an SMTP socket may idle 60 s (src/alert/channels/email.ts), Slack 10 s. */
const LONGEST_SEND_MS = 60_000;

function lockTimeout(ms: number, problems: string[]): number {
  if (ms < LONGEST_SEND_MS) {
    problems.push(`${ALERT_ENV.lockTimeoutMs} is ${ms} ms, shorter than a send may take (${LONGEST_SEND_MS / 1000} s): a slow send may be taken for a dead worker's and sent twice`);
  }
  return ms;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The parts of a URL that are credentials: its password, and for a webhook, its path (the token). */
function urlSecrets(text: string): string[] {
  try {
    const url = new URL(text);
    const out: string[] = [];
    if (url.password) out.push(decodeURIComponent(url.password), url.password);
    if (url.pathname.length > 1 && url.protocol.startsWith('http')) out.push(url.pathname);
    return out;
  } catch {
    return [];
  }
}
