import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertPolicy } from '../../src/alert/policy.js';
import { alertSettingsFromEnv } from '../../src/alert/settings.js';
import { chargesMonitor } from './fixtures.js';

const HOOK = 'https://hooks.slack.test/services/T0/B0/not-a-real-secret-77';
const SMTP = 'smtp://alerts:smtp-pass-not-real@mail.acme.test:587';

describe('alert routing from the environment', () => {
  it('sends breaking drift to Slack when only SLACK_WEBHOOK_URL is set', () => {
    const settings = alertSettingsFromEnv({ SLACK_WEBHOOK_URL: HOOK });
    expect(settings).toMatchObject({ slack: { webhookUrl: HOOK }, email: undefined, defaultChannels: ['slack'], problems: [] });
    expect(settings.secrets).toContain(HOOK);
    expect(alertPolicy(chargesMonitor(), settings)).toEqual({ channels: ['slack'], minLevel: 'breaking', confirm: 2, remindAfterMs: 86_400_000, failingAfter: 3 });
  });

  it('sends it by email when SMTP_URL, ALERT_EMAIL_FROM and ALERT_EMAIL_TO are set, and to both with Slack', () => {
    const email = { SMTP_URL: SMTP, ALERT_EMAIL_FROM: 'driftwatch@acme.test', ALERT_EMAIL_TO: 'a@acme.test, b@acme.test' };
    expect(alertSettingsFromEnv(email)).toMatchObject({ email: { smtpUrl: SMTP, from: 'driftwatch@acme.test', to: ['a@acme.test', 'b@acme.test'] }, defaultChannels: ['email'] });
    expect(alertSettingsFromEnv(email).secrets).toContain('smtp-pass-not-real');
    expect(alertSettingsFromEnv({ ...email, SLACK_WEBHOOK_URL: HOOK }).defaultChannels).toEqual(['slack', 'email']);
  });

  it('prints to stdout when nothing is configured, and says what is missing when half of it is', () => {
    expect(alertSettingsFromEnv({})).toMatchObject({ defaultChannels: ['stdout'], problems: [] });
    expect(alertSettingsFromEnv({ SMTP_URL: SMTP, ALERT_EMAIL_TO: 'a@acme.test' })).toMatchObject({
      email: undefined,
      defaultChannels: ['stdout'],
      problems: ['email alerts need ALERT_EMAIL_FROM as well: email alerts are off'],
    });
    expect(alertSettingsFromEnv({ SLACK_WEBHOOK_URL: 'hooks.slack.test/x' }).problems).toEqual(['SLACK_WEBHOOK_URL is not an http(s) URL: Slack alerts are off']);
  });

  it('reads the delivery timing from ALERT_* variables, and reports an invalid one and keeps its default', () => {
    expect(alertSettingsFromEnv({}).delivery).toEqual({ retry: { baseDelayMs: 5000, maxDelayMs: 3_600_000, maxAttempts: 72 }, lockTimeoutMs: 300_000, pollIntervalMs: 2000 });
    const fast = alertSettingsFromEnv({ ALERT_RETRY_BASE_MS: '20', ALERT_RETRY_MAX_MS: '100', ALERT_MAX_ATTEMPTS: '4', ALERT_LOCK_TIMEOUT_MS: '2000', ALERT_POLL_MS: '50' });
    expect(fast).toMatchObject({
      delivery: { retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 4 }, lockTimeoutMs: 2000, pollIntervalMs: 50 },
      problems: ['ALERT_LOCK_TIMEOUT_MS is 2000 ms, shorter than a send may take (60 s): a slow send may be taken for a dead worker\'s and sent twice'],
    });
    const bad = alertSettingsFromEnv({ ALERT_MAX_ATTEMPTS: '0', ALERT_LOCK_TIMEOUT_MS: 'soon' });
    expect(bad.delivery).toMatchObject({ retry: { maxAttempts: 72 }, lockTimeoutMs: 300_000 });
    expect(bad.problems).toEqual([
      'ALERT_MAX_ATTEMPTS must be an integer of at least 1 (got "0"): using 72',
      'ALERT_LOCK_TIMEOUT_MS must be an integer of at least 1000 (got "soon"): using 300000',
    ]);
  });

  it('reads a secret from the file a _FILE variable names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-secret-'));
    try {
      await writeFile(join(dir, 'hook'), `${HOOK}\n`);
      expect(alertSettingsFromEnv({ SLACK_WEBHOOK_URL_FILE: join(dir, 'hook') }).slack).toEqual({ webhookUrl: HOOK });
      expect(alertSettingsFromEnv({ SLACK_WEBHOOK_URL_FILE: join(dir, 'missing') }).problems).toEqual([`SLACK_WEBHOOK_URL_FILE names ${join(dir, 'missing')}, which cannot be read (ENOENT)`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets a monitor choose its channels and thresholds', () => {
    const settings = alertSettingsFromEnv({ SLACK_WEBHOOK_URL: HOOK });
    const monitor = chargesMonitor({ alert: { channels: ['email', 'stdout'], minLevel: 'warning', confirm: 4, remindAfter: 'never', failingAfter: 0 } });
    expect(alertPolicy(monitor, settings)).toEqual({ channels: ['email', 'stdout'], minLevel: 'warning', confirm: 4, remindAfterMs: undefined, failingAfter: 0 });
    expect(alertPolicy(chargesMonitor({ alert: { channels: [] } }), settings).channels).toEqual([]);
    const spec = chargesMonitor({ kind: 'jsonschema', alert: { remindAfter: '90m' } });
    expect(alertPolicy(spec, settings)).toMatchObject({ confirm: 1, remindAfterMs: 90 * 60_000 });
    expect(() => chargesMonitor({ alert: { remindAfter: '1 day' } })).toThrow('field "alert.remindAfter" must be a duration like 30s, 15m, 24h, 2d, or never (got "1 day")');
  });
});
