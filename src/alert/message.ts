import type { MonitorKind } from '../config/types.js';
import type { FailureKind } from '../probe/failure.js';
import type { Level } from '../diff/types.js';

/**
 * What an alert says, independent of the channel that carries it. It is stored as the outbox row's
 * payload and rendered at delivery (Slack Block Kit, email HTML and text, a text block for stdout).
 * Every string in it has been through secret redaction: it is safe to store and send.
 */
export type AlertMessage = DriftAlert | ProbeFailingAlert | RecoveredAlert;

interface AlertBase {
  monitor: string;
  monitorKind: MonitorKind;
  /** The probed URL with credentials and secret query values redacted. */
  vendorUrl: string;
  /** When the run that raised the alert finished (ISO 8601). */
  at: string;
}

/** One change as an alert shows it: values already cut to a short line. */
export interface AlertChange {
  id: string;
  level: Level;
  path: string;
  operation?: string;
  message: string;
  before: string;
  after: string;
}

/**
 * The adapter stub generated for a drift (issue 8 fills it): Slack shows it when it fits Slack's
 * limits, email attaches it as `fileName`.
 */
export interface AdapterStub {
  fileName: string;
  code: string;
}

export interface Reminder {
  /** 1 for the first reminder. */
  number: number;
  /** When the drift or failure was first seen (ISO 8601). */
  openSince: string;
}

export interface DriftAlert extends AlertBase {
  type: 'drift';
  /** Present when this repeats an earlier alert about a drift that is still seen. */
  reminder?: Reminder;
  /** The highest level among the changes. */
  severity: Level;
  baselineVersion: number;
  /** Counts of all changes of the run, by level. */
  summary: Record<Level, number>;
  /** The most important changes, most severe first; at most MAX_ALERT_CHANGES. */
  changes: AlertChange[];
  totalChanges: number;
  /** Probes the drift was seen on in a row when it alerted. */
  seenOn: number;
  stub?: AdapterStub;
}

export interface ProbeFailingAlert extends AlertBase {
  type: 'probe-failing';
  reminder?: Reminder;
  failure: { kind: FailureKind; message: string; httpStatus?: number };
  consecutiveFailures: number;
  /** When the first failure of this streak happened (ISO 8601). */
  failingSince: string;
}

export interface RecoveredAlert extends AlertBase {
  type: 'recovered';
  /** Failed probes before this success. */
  failedProbes: number;
  failingSince: string;
}

export const MAX_ALERT_CHANGES = 50;

export function levelTitle(level: Level): string {
  return level === 'breaking' ? 'Breaking' : level === 'warning' ? 'Warning' : 'Info';
}

/** One line that says what happened, used as a Slack header, an email subject and a log line. */
export function alertTitle(message: AlertMessage): string {
  switch (message.type) {
    case 'drift':
      return message.reminder
        ? `Reminder: ${message.severity} drift in ${message.monitor} is still open`
        : `${levelTitle(message.severity)} drift in ${message.monitor}`;
    case 'probe-failing':
      return `${message.reminder ? 'Reminder: ' : ''}${message.failure.kind === 'auth' ? 'Credentials rejected' : 'Probe failing'} for ${message.monitor}`;
    case 'recovered':
      return `${message.monitor} recovered: probes work again`;
  }
}

/** What a failure kind means to the person reading the alert. */
export function failureExplanation(kind: FailureKind): string {
  switch (kind) {
    case 'auth':
      return 'The vendor rejected the credentials (HTTP 401/403): the token or key has probably expired or been revoked. Renew it where the monitor reads it from (its environment variable or secret file).';
    case 'rate-limited':
      return 'The vendor kept answering 429 Too Many Requests: probes are rate-limited.';
    case 'timeout':
      return 'The vendor did not answer in time.';
    case 'not-json':
      return 'The vendor answered with something other than JSON (an HTML error page, usually from a proxy or a maintenance page).';
    case 'empty-body':
      return 'The vendor answered with an empty body where a document was expected.';
    case 'invalid-json':
      return 'The vendor answered with a body that is not valid JSON (garbage, or a truncated document).';
    case 'too-deep':
      return 'The vendor answered with a document nested deeper than driftwatch reads (256 levels).';
    case 'invalid-spec':
      return 'The vendor published a document that is not a readable OpenAPI/Swagger description or JSON Schema (invalid, or YAML refused as unsafe).';
    case 'too-large':
      return 'The response was larger than the monitor allows (request.maxBodyBytes).';
    case 'vendor-unavailable':
      return 'The vendor is unavailable (its circuit breaker is open after repeated failures).';
    case 'connection-reset':
      return 'The vendor closed or reset the connection before answering in full.';
    case 'dns':
      return "The vendor's host name did not resolve (DNS).";
    case 'tls':
      return "The vendor's TLS certificate or handshake was refused (untrusted, expired or for another host).";
    case 'redirect-loop':
      return 'The vendor redirected in a loop (back to a URL already visited, or more times than request.maxRedirects allows).';
    case 'network':
      return 'The vendor could not be reached (connection refused or another network error).';
    case 'invalid-monitor':
      return 'The monitor cannot be probed as configured.';
    default:
      return `The vendor answered HTTP ${kind.slice('http-'.length)}.`;
  }
}

export function nextCommands(monitor: string): { command: string; why: string }[] {
  return [
    { command: `driftwatch stub ${monitor}`, why: 'generate an adapter stub that maps the new shape to the one your code expects' },
    { command: `driftwatch accept ${monitor}`, why: 'make what was observed the new baseline' },
  ];
}
