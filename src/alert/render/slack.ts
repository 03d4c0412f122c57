import type { Level } from '../../diff/types.js';
import type { AlertMessage } from '../message.js';
import { changeLocation, outline, stubNote } from './outline.js';

/** The Block Kit blocks driftwatch sends (a subset of Slack's). */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'section'; fields: { type: 'mrkdwn'; text: string }[] }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  | { type: 'divider' };

/** The body of an incoming-webhook post. */
export interface SlackMessage {
  /** Shown in notifications and where blocks cannot be. */
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

/** Slack's limits (https://api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = { headerText: 150, sectionText: 3000, fieldText: 2000, fields: 10, blocks: 50 } as const;
/** Changes listed in a Slack message; the rest are counted. */
export const SLACK_MAX_CHANGES = 10;

const LEVEL_EMOJI: Record<Level, string> = { breaking: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' };

/** Slack's mrkdwn reserves &, < and >. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function code(text: string): string {
  return `\`${escapeMrkdwn(text.replace(/`/g, "'"))}\``;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A time every reader sees in their own zone, with the ISO text as the fallback. */
function slackTime(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${iso}>`;
}

function emoji(message: AlertMessage): string {
  if (message.type === 'drift') return LEVEL_EMOJI[message.severity];
  return message.type === 'recovered' ? ':large_green_circle:' : ':warning:';
}

export function renderSlack(message: AlertMessage): SlackMessage {
  const o = outline(message, SLACK_MAX_CHANGES);
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(`${emoji(message)} ${o.title}`, SLACK_LIMITS.headerText), emoji: true } },
    {
      type: 'section',
      fields: o.facts.slice(0, SLACK_LIMITS.fields).map((f) => ({
        type: 'mrkdwn' as const,
        text: cut(`*${f.label}*\n${f.kind === 'time' ? slackTime(f.value) : f.kind === 'url' ? code(f.value) : escapeMrkdwn(f.value)}`, SLACK_LIMITS.fieldText),
      })),
    },
  ];
  for (const p of o.paragraphs) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(escapeMrkdwn(p), SLACK_LIMITS.sectionText) } });
  if (o.changes.length > 0) {
    blocks.push({ type: 'divider' });
    for (const c of o.changes) {
      const text = [
        `${LEVEL_EMOJI[c.level]} *${c.level.toUpperCase()}* ${code(c.id)}`,
        code(changeLocation(c)),
        escapeMrkdwn(c.message),
        `${code(c.before)} → ${code(c.after)}`,
      ].join('\n');
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(text, SLACK_LIMITS.sectionText) } });
    }
    if (o.moreChanges > 0) {
      blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${o.moreChanges} more: ${code(`driftwatch history ${message.monitor}`)}` }] });
    }
  }
  if (message.type === 'drift' && message.stub) {
    const fenced = `*Adapter stub* ${code(message.stub.fileName)}\n\`\`\`${message.stub.code.replace(/```/g, "'''")}\`\`\``;
    if (fenced.length <= SLACK_LIMITS.sectionText) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fenced } });
    else blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(stubNote(message, 'not-shown') ?? '') }] });
  }
  if (o.next.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: ['*Next*', ...o.next.map((n) => `• ${code(n.command)} — ${escapeMrkdwn(n.why)}`)].join('\n') } });
  }
  const summary = message.type === 'drift' ? `: ${message.summary.breaking} breaking, ${message.summary.warning} warning, ${message.summary.info} info` : '';
  return { text: `${o.title}${summary}`, blocks: blocks.slice(0, SLACK_LIMITS.blocks), unfurl_links: false, unfurl_media: false };
}
