import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailChannel } from '../../src/alert/channels/email.js';
import { slackChannel } from '../../src/alert/channels/slack.js';
import { SlackReceiver } from '../fakes/slack-receiver.js';
import { TestSmtpServer } from '../fakes/smtp-server.js';
import { AT, driftAlert } from './fixtures.js';

/** The delivery clock: a drift seen at AT, delivered a minute later. */
const DELIVERED_AT = new Date(AT.getTime() + 60_000);

describe('what one drift alert looks like when it arrives', () => {
  const slack = new SlackReceiver();
  const smtp = new TestSmtpServer();
  beforeAll(async () => {
    await slack.start();
    await smtp.start();
  });
  afterAll(async () => {
    await slack.stop();
    await smtp.stop();
  });

  it('posts this Block Kit message to the Slack webhook', async () => {
    await slackChannel({ webhookUrl: slack.webhookUrl }).send(driftAlert(), { dedupeKey: 'drift:1:slack', now: DELIVERED_AT });
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]!.headers['content-type']).toBe('application/json');
    await expect(`${JSON.stringify(slack.delivered[0], null, 2)}\n`).toMatchFileSnapshot('__snapshots__/slack-drift.json');
  });

  it('sends this email, HTML and text with the same content and the stub attached', async () => {
    const channel = emailChannel({ smtpUrl: smtp.url, from: 'driftwatch <alerts@acme.test>', to: ['oncall@acme.test', 'api-team@acme.test'] });
    try {
      await channel.send(driftAlert(), { dedupeKey: 'drift:1:email', now: DELIVERED_AT });
    } finally {
      await channel.close?.();
    }
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.from).toBe('alerts@acme.test');
    expect(smtp.received[0]!.to).toEqual(['oncall@acme.test', 'api-team@acme.test']);
    const mail = await smtp.parse(0);
    const header = (name: string) => String(mail.headers.get(name));
    const rendered = [
      `From: ${mail.from?.text}`,
      `To: ${[mail.to].flat().map((a) => a?.text).join(', ')}`,
      `Subject: ${mail.subject}`,
      `Date: ${mail.date?.toISOString()}`,
      `Message-ID: ${mail.messageId}`,
      `X-Driftwatch-Monitor: ${header('x-driftwatch-monitor')}`,
      `X-Driftwatch-Alert: ${header('x-driftwatch-alert')}`,
      `Attachments: ${mail.attachments.map((a) => `${a.filename} (${a.contentType}, ${a.content.length} bytes)`).join(', ')}`,
      '',
      '--- text part ---',
      mail.text ?? '',
      '--- attachment ---',
      mail.attachments[0]?.content.toString('utf8') ?? '',
    ].join('\n');
    await expect(rendered).toMatchFileSnapshot('__snapshots__/email-drift.txt');
    await expect(String(mail.html)).toMatchFileSnapshot('__snapshots__/email-drift.html');
  });
});
