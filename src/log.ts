import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import { redactSecrets } from './probe/redact.js';

export type { Logger } from 'pino';

/** Keys whose values are credentials wherever they appear in a log record (header names and the like). */
const SENSITIVE_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|x-auth-token|password|passwd|secret|client[-_]?secret|token|access[-_]?token|refresh[-_]?token)$/i;

const MAX_DEPTH = 8;

/**
 * The secret values to keep out of log lines. The daemon replaces them whenever monitor files are
 * (re)loaded: every monitor's `secrets` list.
 */
export class SecretSet {
  private current: readonly string[] = [];

  get values(): readonly string[] {
    return this.current;
  }

  replace(values: Iterable<string>): void {
    // Longest first, so a secret that contains another is replaced whole.
    this.current = [...new Set(values)].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  }
}

/** A copy of a log argument with secret values replaced by `***` and credential-named keys censored. */
export function redactLogValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return secrets.length === 0 ? value : redactSecrets(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[depth limit]';
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: redactLogValue(value.message, secrets, depth + 1) };
    if (value.stack) out.stack = redactLogValue(value.stack, secrets, depth + 1);
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) out.code = code;
    if (value.cause !== undefined) out.cause = redactLogValue(value.cause, secrets, depth + 1);
    return out;
  }
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => redactLogValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) && item !== undefined && item !== null ? '***' : redactLogValue(item, secrets, depth + 1);
  }
  return out;
}

export interface LoggerOptions {
  /** pino level: `trace`, `debug`, `info` (default), `warn`, `error`, `fatal`, `silent`. */
  level?: string;
  /** Where JSON lines go; stdout by default. */
  destination?: DestinationStream;
  /** Secret values to redact from every message and field. */
  secrets?: SecretSet;
  /** Fields on every line (e.g. the replica id). */
  base?: Record<string, unknown>;
}

/**
 * A pino logger writing one JSON object per line. Every argument of every call (messages, fields,
 * errors) passes through `redactLogValue`, so neither a monitor's secrets nor credential headers
 * reach the log.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? new SecretSet();
  return pino(
    {
      name: 'driftwatch',
      level: options.level ?? 'info',
      base: { pid: process.pid, ...options.base },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors are already plain objects (see redactLogValue); pino's serializer would retype them.
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((arg) => redactLogValue(arg, secrets.values)) as Parameters<typeof method>;
          method.apply(this, redacted);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
