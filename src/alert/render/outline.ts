import { summaryLine } from '../../report/format.js';
import { alertTitle, failureExplanation, nextCommands, type AlertChange, type AlertMessage } from '../message.js';

/**
 * The content of an alert as every channel shows it: a title, labelled facts, the changes, a
 * paragraph, the commands to run next, and what became of the adapter stub. Slack, email and stdout
 * render this one outline, so they say the same thing.
 */
export interface AlertOutline {
  title: string;
  facts: { label: string; value: string; kind?: 'url' | 'time' }[];
  changes: AlertChange[];
  /** Changes not listed (beyond the cut of the channel). */
  moreChanges: number;
  paragraphs: string[];
  next: { command: string; why: string }[];
}

/** Builds the outline; `maxChanges` is how many changes the channel lists. */
export function outline(message: AlertMessage, maxChanges: number): AlertOutline {
  const facts: AlertOutline['facts'] = [
    { label: 'Monitor', value: `${message.monitor} (${message.monitorKind})` },
    { label: 'Vendor', value: message.vendorUrl, kind: 'url' },
  ];
  switch (message.type) {
    case 'drift': {
      facts.push(
        { label: 'Severity', value: message.severity },
        { label: 'Changes', value: `${summaryLine(message.summary)} (against baseline v${message.baselineVersion})` },
      );
      if (message.reminder) facts.push({ label: 'Open since', value: message.reminder.openSince, kind: 'time' });
      facts.push({ label: 'Detected', value: message.at, kind: 'time' });
      const listed = message.changes.slice(0, maxChanges);
      const paragraphs = message.reminder
        ? [`This drift was reported before and is still seen (reminder ${message.reminder.number}). Accept it, or adapt to it, to stop the reminders.`]
        : [`Seen on ${message.seenOn} probe${message.seenOn === 1 ? '' : 's'} in a row.`];
      return {
        title: alertTitle(message),
        facts,
        changes: listed,
        moreChanges: message.totalChanges - listed.length,
        paragraphs,
        next: nextCommands(message.monitor),
      };
    }
    case 'probe-failing': {
      const status = message.failure.httpStatus !== undefined ? ` (HTTP ${message.failure.httpStatus})` : '';
      facts.push(
        { label: 'Failure', value: `${message.failure.kind}${status}: ${message.failure.message}` },
        { label: 'Failing', value: `${message.consecutiveFailures} probe${message.consecutiveFailures === 1 ? '' : 's'} in a row` },
        { label: 'Since', value: message.failingSince, kind: 'time' },
        { label: 'Last failure', value: message.at, kind: 'time' },
      );
      const paragraphs = [failureExplanation(message.failure.kind), 'Until probes work again, driftwatch cannot see drift in this API.'];
      if (message.reminder) paragraphs.push(`Reminder ${message.reminder.number}: still failing.`);
      return { title: alertTitle(message), facts, changes: [], moreChanges: 0, paragraphs, next: [{ command: `driftwatch check ${message.monitor}`, why: 'probe it now' }] };
    }
    case 'recovered':
      facts.push(
        { label: 'Failed', value: `${message.failedProbes} probe${message.failedProbes === 1 ? '' : 's'} in a row` },
        { label: 'Failing since', value: message.failingSince, kind: 'time' },
        { label: 'Working again', value: message.at, kind: 'time' },
      );
      return { title: alertTitle(message), facts, changes: [], moreChanges: 0, paragraphs: ['The latest probe worked; drift is being watched again.'], next: [] };
  }
}

/** Where a change is: the operation (spec monitors) and the JSON Pointer. */
export function changeLocation(change: AlertChange): string {
  return change.operation ? `${change.operation} ${change.path}` : change.path;
}

/** What to say about the adapter stub: where to find it when this channel does not show it. */
export function stubNote(message: AlertMessage, shownAs: 'attachment' | 'not-shown'): string | undefined {
  if (message.type !== 'drift' || !message.stub) return undefined;
  const lines = message.stub.code.split('\n').length;
  return shownAs === 'attachment'
    ? `The adapter stub (${lines} lines) is attached as ${message.stub.fileName}.`
    : `The adapter stub (${lines} lines) is attached to the email alert; \`driftwatch stub ${message.monitor}\` prints it.`;
}
