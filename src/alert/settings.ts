import { readFileSync } from 'node:fs';
import type { AlertChannelName } from '../config/types.js';
import type { Environment } from '../config/interpolate.js';

export interface SlackSettings {
  webhookUrl: string;
}

export interface EmailSettings {
  smtpUrl: string;
  from: string;
  to: string[];
}

/** Where alerts can go, from the environment. */
export interface AlertSettings {
  slack: SlackSettings | undefined;
  email: EmailSettings | undefined;
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
} as const;

/**
 * Reads the alert settings: `SLACK_WEBHOOK_URL`; `SMTP_URL`, `ALERT_EMAIL_FROM` and `ALERT_EMAIL_TO`
 * (comma-separated). Each may instead be given as a file named by `<NAME>_FILE`, as with Docker and
 * Kubernetes secrets.
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
  return { slack, email, defaultChannels, problems, secrets: secrets.filter((s) => s.length >= 4) };
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
