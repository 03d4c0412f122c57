import { describe, expect, it } from 'vitest';
import { composeProbeFailingAlert, composeRecoveredAlert } from '../../src/alert/compose.js';
import { renderEmail } from '../../src/alert/render/email.js';
import { renderSlack, SLACK_LIMITS } from '../../src/alert/render/slack.js';
import { renderText } from '../../src/alert/render/text.js';
import { API_KEY, AT, chargesMonitor, driftAlert, STUB } from './fixtures.js';

describe('alert messages', () => {
  it('lists the most important changes first and redacts the vendor URL', () => {
    const message = driftAlert();
    expect(message.vendorUrl).toBe('https://api.vendor.test/v1/charges?limit=1&api_key=***');
    expect(JSON.stringify(message)).not.toContain(API_KEY);
    expect(message.severity).toBe('breaking');
    expect(message.changes.map((c) => c.id)).toEqual(['response-property-removed', 'response-type-changed', 'response-property-added']);
    expect(message.changes[0]).toEqual({
      id: 'response-property-removed',
      level: 'breaking',
      path: '/properties/customer/properties/email',
      message: 'property `email` was removed from /properties/customer',
      before: '{"type":"string","format":"email"}',
      after: '(absent)',
    });
  });

  it('says the same in the text part, the HTML part and Slack', () => {
    const message = driftAlert();
    const email = renderEmail(message);
    const slack = JSON.stringify(renderSlack(message));
    for (const c of message.changes) {
      for (const rendered of [email.text, email.html, slack]) {
        expect(rendered).toContain(c.id);
        expect(rendered).toContain(c.path);
      }
    }
    for (const rendered of [email.text, email.html, slack]) {
      expect(rendered).toContain('driftwatch stub charges');
      expect(rendered).toContain('driftwatch accept charges');
      expect(rendered).toContain('2 breaking, 0 warning, 1 info');
    }
    expect(email.text).toContain('https://api.vendor.test/v1/charges?limit=1&api_key=***');
    expect(email.html).toContain('https://api.vendor.test/v1/charges?limit=1&amp;api_key=***');
    expect(slack).toContain('https://api.vendor.test/v1/charges?limit=1&amp;api_key=***');
  });

  it('puts the adapter stub in Slack when it fits, and a note where it is when it does not', () => {
    const fits = renderSlack(driftAlert());
    expect(JSON.stringify(fits.blocks)).toContain('export function adaptCharge');

    const big = driftAlert();
    big.stub = { fileName: STUB.fileName, code: Array.from({ length: 200 }, (_, i) => `export const field${i}: string = 'value ${i}';`).join('\n') };
    const tooBig = renderSlack(big);
    const text = JSON.stringify(tooBig.blocks);
    expect(text).not.toContain('export const field0');
    expect(text).toContain('The adapter stub (200 lines) is attached to the email alert; `driftwatch stub charges` prints it.');
    for (const block of tooBig.blocks) {
      if (block.type === 'section' && 'text' in block) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    }
    expect(renderEmail(big).attachments).toEqual([{ filename: 'charges-adapter.ts', content: big.stub.code, contentType: 'text/plain; charset=utf-8' }]);
  });

  it('keeps a Slack message within Slack limits however many changes there are', () => {
    const many = driftAlert({ stub: false });
    many.changes = Array.from({ length: 50 }, (_, i) => ({ ...many.changes[0]!, path: `/properties/f${i}/${'x'.repeat(400)}` }));
    many.totalChanges = 180;
    const slack = renderSlack(many);
    expect(slack.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(slack.blocks.filter((b) => b.type === 'section' && 'text' in b && b.text.text.includes('BREAKING'))).toHaveLength(10);
    expect(JSON.stringify(slack.blocks)).toContain('…and 170 more: `driftwatch history charges`');
    for (const block of slack.blocks) {
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (block.type === 'section' && 'text' in block) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (block.type === 'section' && 'fields' in block) expect(block.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
    }
  });

  it('escapes what Slack mrkdwn and HTML reserve', () => {
    const message = driftAlert({ stub: false });
    message.changes = [{ ...message.changes[0]!, message: 'property `<script>` & more was removed' }];
    const slack = JSON.stringify(renderSlack(message));
    expect(slack).toContain('property `&lt;script&gt;` &amp; more was removed');
    expect(renderEmail(message).html).toContain('property <code>&lt;script&gt;</code> &amp; more was removed');
  });

  it('calls out rejected credentials, and says when a probe recovered', () => {
    const monitor = chargesMonitor();
    const failing = composeProbeFailingAlert({
      monitor,
      at: AT,
      failure: { kind: 'auth', message: 'GET https://api.vendor.test/v1/charges answered HTTP 401', httpStatus: 401 },
      consecutiveFailures: 3,
      failingSince: new Date('2025-03-14T08:56:53.000Z'),
    });
    const text = renderText(failing, { stub: 'not-shown' });
    expect(text.split('\n')[0]).toBe('Credentials rejected for charges');
    expect(text).toContain('the token or key has probably expired or been revoked');
    expect(renderEmail(failing).subject).toBe('[driftwatch] Credentials rejected for charges');

    const timeout = composeProbeFailingAlert({ monitor, at: AT, failure: { kind: 'timeout', message: 'no answer in 30000 ms' }, consecutiveFailures: 3, failingSince: AT });
    expect(renderEmail(timeout).subject).toBe('[driftwatch] Probe failing for charges');

    const recovered = composeRecoveredAlert({ monitor, at: AT, failedProbes: 4, failingSince: new Date('2025-03-14T08:00:00.000Z') });
    expect(renderText(recovered, { stub: 'not-shown' })).toBe(
      [
        'charges recovered: probes work again',
        '',
        'Monitor:        charges (endpoint)',
        'Vendor:         https://api.vendor.test/v1/charges?limit=1&api_key=***',
        'Failed:         4 probes in a row',
        'Failing since:  2025-03-14T08:00:00.000Z',
        'Working again:  2025-03-14T09:26:53.000Z',
        '',
        'The latest probe worked; drift is being watched again.',
        '',
      ].join('\n'),
    );
  });
});
