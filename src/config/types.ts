import type { Level } from '../diff/types.js';
import type { JsonValue } from '../schema/types.js';

export type MonitorKind = 'endpoint' | 'openapi' | 'jsonschema';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
export type AlertChannelName = 'slack' | 'email' | 'stdout';

export interface RequestSpec {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: JsonValue | undefined;
  timeoutMs: number;
  maxBodyBytes: number;
}

/** A validated monitor with `${ENV}` references resolved. */
export interface Monitor {
  name: string;
  kind: MonitorKind;
  /** The file it was loaded from, for messages. */
  file: string;
  description: string | undefined;
  schedule: string;
  timezone: string;
  request: RequestSpec;
  learnSamples: number;
  ignore: string[];
  operations: string[] | undefined;
  alert: {
    channels: AlertChannelName[] | undefined;
    minLevel: Level;
    confirm: number | undefined;
    /** `24h`, `30m`, `never`; undefined: the default. */
    remindAfter: string | undefined;
    failingAfter: number | undefined;
  };
  /** Values that came from the environment or secret files: never logged, stored or sent. */
  secrets: string[];
}

export const DEFAULT_SCHEDULE = '*/15 * * * *';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
