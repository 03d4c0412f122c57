import type { AlertChannelName } from '../../config/types.js';
import type { AlertMessage } from '../message.js';

export interface DeliveryContext {
  /** The outbox row's dedupe key: stable across retries of one delivery. */
  dedupeKey: string;
  /** When the delivery is made (the worker's clock). */
  now: Date;
  signal?: AbortSignal | undefined;
}

/** Somewhere alerts go. `send` resolves once the receiving end has accepted the message. */
export interface Channel {
  readonly name: AlertChannelName;
  send(message: AlertMessage, context: DeliveryContext): Promise<void>;
  close?(): Promise<void>;
}

const BRAND = Symbol.for('driftwatch.DeliveryError');

/** A delivery that did not happen; `retryAfterMs` is what the receiver asked for (Slack's 429 Retry-After). */
export class DeliveryError extends Error {
  readonly [BRAND] = true;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  constructor(message: string, options: { retryAfterMs?: number | undefined; status?: number | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeliveryError';
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

export function isDeliveryError(value: unknown): value is DeliveryError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Any thrown value as a DeliveryError (graphile-worker's coerceError, for channels). */
export function coerceDeliveryError(value: unknown): DeliveryError {
  if (isDeliveryError(value)) return value;
  return new DeliveryError(value instanceof Error ? value.message : String(value), { cause: value });
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
