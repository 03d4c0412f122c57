import { sql } from 'drizzle-orm';
import type { Store } from '../../src/store/db.js';
import type { SlackReceiver } from '../fakes/slack-receiver.js';

/** A monitor file for the vendor simulator that alerts on its first breaking drift (confirm 1). */
export function alertingMonitor(name: string, url: string, channels: string[], schedule = '* * * * * *'): string {
  return [
    `name: ${name}`,
    'kind: endpoint',
    `schedule: "${schedule}"`,
    'request:',
    `  url: ${url}`,
    '  timeoutMs: 60000',
    'alert:',
    `  channels: [${channels.join(', ')}]`,
    '  confirm: 1',
    '',
  ].join('\n');
}

/** A charge, then the same charge with the customer's email removed: a breaking drift. */
export const charge = { id: 'ch_1', amount: 1200, currency: 'usd', customer: { id: 'cus_1', email: 'jo@example.com' } };
export const driftedCharge = { id: 'ch_1', amount: 1200, currency: 'usd', customer: { id: 'cus_1' } };

export async function rows<T>(store: Store, text: string): Promise<T[]> {
  return ((await store.db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;
}

export interface OutboxRow {
  monitor: string;
  channel: string;
  kind: string;
  status: string;
  attempts: number;
  drift_event_id: number | null;
  dedupe_key: string;
  last_error: string | null;
}

export function outbox(store: Store): Promise<OutboxRow[]> {
  return rows<OutboxRow>(
    store,
    `select m.name as monitor, o.channel, o.kind, o.status, o.attempts, o.drift_event_id::int as drift_event_id, o.dedupe_key, o.last_error
     from alert_outbox o join monitors m on m.id = o.monitor_id order by m.name, o.channel, o.id`,
  );
}

/** Problems with the runs: a slot recorded twice, a drift event with no run, or a drift alert queued twice. */
export async function duplicates(store: Store): Promise<string[]> {
  const problems: string[] = [];
  for (const r of await rows<{ monitor: string; slot: string; n: number }>(
    store,
    `select m.name as monitor, r.scheduled_at::text as slot, count(*)::int as n from runs r join monitors m on m.id = r.monitor_id
     where r.scheduled_at is not null group by m.name, r.scheduled_at having count(*) > 1`,
  )) {
    problems.push(`${r.monitor}: slot ${r.slot} recorded ${r.n} times`);
  }
  for (const r of await rows<{ drift_event_id: number; channel: string; n: number }>(
    store,
    `select drift_event_id, channel, count(*)::int as n from alert_outbox where drift_event_id is not null group by drift_event_id, channel having count(*) > 1`,
  )) {
    problems.push(`drift event ${r.drift_event_id}: ${r.n} outbox rows for ${r.channel}`);
  }
  return problems;
}

/** Accepted Slack posts that name the monitor (test monitors have names no other text contains). */
export function slackPostsFor(slack: SlackReceiver, monitor: string): number {
  return slack.delivered.filter((body) => JSON.stringify(body).includes(monitor)).length;
}

/** `driftwatch check` text output, each line keyed by the monitor it starts with. */
export function checkLines(stdout: string): Map<string, string> {
  return new Map(
    stdout
      .trim()
      .split('\n')
      .map((line) => [line.split('  ')[0]!, line] as const),
  );
}

export interface RunRow {
  id: number;
  monitor_id: number;
  outcome: string;
  failure_kind: string | null;
  failure_message: string | null;
}

/** The newest run of each monitor, by name, from dumped `monitors` and `runs` rows (dumpTables). */
export function lastRunOf(tables: { monitors: string[]; runs: string[] }): (monitor: string) => RunRow | undefined {
  const ids = new Map(tables.monitors.map((m) => JSON.parse(m) as { id: number; name: string }).map((m) => [m.name, m.id]));
  const runs = tables.runs.map((r) => JSON.parse(r) as RunRow);
  return (monitor) => runs.filter((r) => r.monitor_id === ids.get(monitor)).sort((a, b) => a.id - b.id).at(-1);
}
