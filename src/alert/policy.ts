import type { AlertChannelName, Monitor } from '../config/types.js';
import type { Level } from '../diff/types.js';
import { parseDuration } from './duration.js';
import type { AlertSettings } from './settings.js';

/** How one monitor alerts: its channels and thresholds, defaults filled in. */
export interface AlertPolicy {
  channels: AlertChannelName[];
  minLevel: Level;
  /** Consecutive probes a drift must be seen on before it alerts. */
  confirm: number;
  /** Undefined: never remind. */
  remindAfterMs: number | undefined;
  /** Consecutive failures before a "probe failing" alert; 0: never. */
  failingAfter: number;
}

export const DEFAULT_REMIND_AFTER = '24h';
export const DEFAULT_FAILING_AFTER = 3;

/**
 * Endpoints are learned from samples, so one odd response should not page anyone: they confirm a
 * change on a second probe. A spec document says what it says: one sighting is enough.
 */
export function defaultConfirm(kind: Monitor['kind']): number {
  return kind === 'endpoint' ? 2 : 1;
}

export function alertPolicy(monitor: Monitor, settings: Pick<AlertSettings, 'defaultChannels'>): AlertPolicy {
  return {
    channels: monitor.alert.channels ?? settings.defaultChannels,
    minLevel: monitor.alert.minLevel,
    confirm: monitor.alert.confirm ?? defaultConfirm(monitor.kind),
    remindAfterMs: parseDuration(monitor.alert.remindAfter ?? DEFAULT_REMIND_AFTER),
    failingAfter: monitor.alert.failingAfter ?? DEFAULT_FAILING_AFTER,
  };
}
