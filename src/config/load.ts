import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { validateDetailed } from 'node-cron';
import { parseDocument } from 'yaml';
import type { Level } from '../diff/types.js';
import type { JsonValue } from '../schema/types.js';
import { MonitorConfigError } from './errors.js';
import { interpolate, type Environment } from './interpolate.js';
import {
  DEFAULT_API_KEY_HEADER,
  DEFAULT_API_KEY_QUERY,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SPEC_MAX_BODY_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_REFRESH_AHEAD_MS,
  DEFAULT_RETRY,
  DEFAULT_SCHEDULE,
  DEFAULT_TIMEOUT_MS,
  type AlertChannelName,
  type AuthSpec,
  type CircuitBreakerSpec,
  type HttpMethod,
  type Monitor,
  type MonitorKind,
  type RateLimitSpec,
  type RetrySpec,
} from './types.js';
import { schemaProblems } from './validate.js';

export const MONITOR_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** The monitor file as written, after validation against the schema (before interpolation). */
interface MonitorDocument {
  name: string;
  kind: MonitorKind;
  description?: string;
  schedule?: string;
  timezone?: string;
  request: {
    method?: HttpMethod;
    url: string;
    headers?: Record<string, string>;
    query?: Record<string, string | number | boolean>;
    body?: JsonValue;
    timeoutMs?: number;
    maxBodyBytes?: number;
    connectTimeoutMs?: number;
    headersTimeoutMs?: number;
    bodyTimeoutMs?: number;
    maxRedirects?: number;
  };
  auth?: AuthDocument;
  retry?: Partial<RetrySpec>;
  rateLimit?: RateLimitSpec;
  circuitBreaker?: CircuitBreakerSpec;
  learn?: { samples?: number };
  ignore?: string[];
  operations?: string[];
  externalRefs?: string[];
  alert?: { channels?: AlertChannelName[]; minLevel?: Level; confirm?: number; remindAfter?: string; failingAfter?: number };
}

type AuthDocument =
  | { type: 'apiKey'; in?: 'header' | 'query'; name?: string; prefix?: string; key?: string; keys?: string[] }
  | { type: 'bearer'; token?: string; tokens?: string[] }
  | { type: 'basic'; username: string; password: string }
  | {
      type: 'oauth2';
      grant?: 'client_credentials' | 'refresh_token';
      tokenUrl: string;
      clientId: string;
      clientSecret?: string;
      refreshToken?: string;
      scope?: string;
      audience?: string;
      clientAuth?: 'basic' | 'body';
      refreshAheadMs?: number;
    };

/** The resolved auth of a monitor, or problems with it; every credential value goes to `secrets`. */
function buildAuth(doc: AuthDocument | undefined, problems: string[], secrets: string[]): AuthSpec | undefined {
  if (doc === undefined) return undefined;
  const list = (one: string | undefined, many: string[] | undefined, singular: string, plural: string): string[] => {
    if (one !== undefined && many !== undefined) problems.push(`fields "auth.${singular}" and "auth.${plural}" cannot both be set`);
    if (one === undefined && many === undefined) problems.push(`field "auth.${singular}" (or "auth.${plural}") is required for auth type ${doc.type}`);
    const values = many ?? (one !== undefined ? [one] : []);
    secrets.push(...values);
    return values;
  };
  switch (doc.type) {
    case 'apiKey': {
      const where = doc.in ?? 'header';
      const keys = list(doc.key, doc.keys, 'key', 'keys');
      if (where === 'query' && doc.prefix !== undefined) problems.push('field "auth.prefix" only applies to keys sent in a header');
      return { type: 'apiKey', in: where, name: doc.name ?? (where === 'header' ? DEFAULT_API_KEY_HEADER : DEFAULT_API_KEY_QUERY), prefix: doc.prefix ?? '', keys };
    }
    case 'bearer':
      return { type: 'bearer', tokens: list(doc.token, doc.tokens, 'token', 'tokens') };
    case 'basic':
      secrets.push(doc.password, Buffer.from(`${doc.username}:${doc.password}`).toString('base64'));
      return { type: 'basic', username: doc.username, password: doc.password };
    case 'oauth2': {
      const grant = doc.grant ?? 'client_credentials';
      if (grant === 'refresh_token' && doc.refreshToken === undefined) problems.push('field "auth.refreshToken" is required for grant refresh_token');
      if (grant === 'client_credentials' && doc.clientSecret === undefined) problems.push('field "auth.clientSecret" is required for grant client_credentials');
      const tokenUrl = checkUrl(doc.tokenUrl, problems, 'auth.tokenUrl');
      for (const secret of [doc.clientSecret, doc.refreshToken]) if (secret !== undefined) secrets.push(secret);
      if (doc.clientSecret !== undefined) secrets.push(Buffer.from(`${encodeURIComponent(doc.clientId)}:${encodeURIComponent(doc.clientSecret)}`).toString('base64'));
      return {
        type: 'oauth2',
        grant,
        tokenUrl: tokenUrl ?? doc.tokenUrl,
        clientId: doc.clientId,
        clientSecret: doc.clientSecret,
        refreshToken: doc.refreshToken,
        scope: doc.scope,
        audience: doc.audience,
        clientAuth: doc.clientAuth ?? 'basic',
        refreshAheadMs: doc.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS,
      };
    }
  }
}

/** Parses YAML or JSON text; YAML alias expansion is bounded by the parser (no "billion laughs"). */
export function parseMonitorText(text: string, file: string): unknown {
  if (extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new MonitorConfigError(file, undefined, [`is not valid JSON: ${(error as Error).message}`]);
    }
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new MonitorConfigError(
      file,
      undefined,
      document.errors.map((e) => `is not valid YAML: ${e.message.split('\n')[0]}`),
    );
  }
  try {
    return document.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw new MonitorConfigError(file, undefined, [`cannot be read: ${(error as Error).message}`]);
  }
}

/** Validates a parsed monitor document, resolves `${ENV}` references, and fills defaults. */
export function buildMonitor(parsed: unknown, file: string, env: Environment): Monitor {
  const nameHint =
    parsed !== null && typeof parsed === 'object' && typeof (parsed as { name?: unknown }).name === 'string'
      ? (parsed as { name: string }).name
      : undefined;
  const problems = schemaProblems(parsed);
  if (problems.length > 0) throw new MonitorConfigError(file, nameHint, problems);
  const raw = parsed as MonitorDocument;

  const { value: doc, substituted, missing } = interpolate(raw, env);
  if (missing.length > 0) {
    throw new MonitorConfigError(
      file,
      raw.name,
      missing.map((m) => `environment variable ${m.variable} is not set (used in ${m.path.slice(1).replace(/\//g, '.')})`),
    );
  }

  const semantic: string[] = [];
  const url = checkUrl(doc.request.url, semantic, 'request.url');
  const authSecrets: string[] = [];
  const auth = buildAuth(doc.auth, semantic, authSecrets);
  const retry: RetrySpec = { ...DEFAULT_RETRY, ...doc.retry };
  if (retry.maxDelayMs < retry.initialDelayMs) semantic.push('field "retry.maxDelayMs" must be at least retry.initialDelayMs');
  const schedule = doc.schedule ?? DEFAULT_SCHEDULE;
  const cron = validateDetailed(schedule);
  if (!cron.valid) {
    semantic.push(`field "schedule" is not a valid cron expression: ${cron.errors.map((e) => e.message).join('; ')} (got ${JSON.stringify(schedule)})`);
  }
  const timezone = doc.timezone ?? 'UTC';
  if (!isTimeZone(timezone)) semantic.push(`field "timezone" is not a known IANA time zone (got ${JSON.stringify(timezone)})`);
  if (doc.operations && doc.kind !== 'openapi') semantic.push('field "operations" only applies to kind: openapi');
  if (doc.externalRefs && doc.kind !== 'openapi') semantic.push('field "externalRefs" only applies to kind: openapi');
  const externalRefs = (doc.externalRefs ?? []).map((prefix, i) => checkUrl(prefix, semantic, `externalRefs[${i}]`) ?? prefix);
  if (semantic.length > 0) throw new MonitorConfigError(file, raw.name, semantic);

  const timeoutMs = doc.request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(doc.request.query ?? {})) query[k] = String(v);

  return {
    name: doc.name,
    kind: doc.kind,
    file,
    description: doc.description,
    schedule,
    timezone,
    request: {
      method: doc.request.method ?? 'GET',
      url: url ?? doc.request.url,
      headers: doc.request.headers ?? {},
      query,
      body: doc.request.body,
      timeoutMs,
      maxBodyBytes: doc.request.maxBodyBytes ?? (doc.kind === 'openapi' ? DEFAULT_SPEC_MAX_BODY_BYTES : DEFAULT_MAX_BODY_BYTES),
      connectTimeoutMs: doc.request.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      headersTimeoutMs: doc.request.headersTimeoutMs ?? timeoutMs,
      bodyTimeoutMs: doc.request.bodyTimeoutMs ?? timeoutMs,
      maxRedirects: doc.request.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    },
    learnSamples: doc.learn?.samples ?? 1,
    ignore: doc.ignore ?? [],
    operations: doc.operations,
    externalRefs,
    alert: {
      channels: doc.alert?.channels,
      minLevel: doc.alert?.minLevel ?? 'breaking',
      confirm: doc.alert?.confirm,
      remindAfter: doc.alert?.remindAfter,
      failingAfter: doc.alert?.failingAfter,
    },
    secrets: [...new Set([...substituted.filter((s) => s.path !== '/request/url').map((s) => s.value), ...authSecrets])],
    auth,
    retry,
    rateLimit: { ...doc.rateLimit },
    circuitBreaker: { ...doc.circuitBreaker },
  };
}

function checkUrl(text: string, problems: string[], field: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`field "${field}" is not a valid URL`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`field "${field}" must be an http or https URL (got ${url.protocol})`);
    return undefined;
  }
  return url.toString();
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function loadMonitorFile(file: string, env: Environment = process.env): Promise<Monitor> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new MonitorConfigError(file, undefined, [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  return buildMonitor(parseMonitorText(text, file), file, env);
}

export interface LoadedMonitors {
  monitors: Monitor[];
  /** One error per file that could not be used; the other files still load. */
  errors: MonitorConfigError[];
}

/** Loads every monitor file in a directory (not recursive), sorted by file name. */
export async function loadMonitorDirectory(dir: string, env: Environment = process.env): Promise<LoadedMonitors> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    return {
      monitors: [],
      errors: [new MonitorConfigError(dir, undefined, [`monitor directory cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`])],
    };
  }
  const files = entries
    .filter((f) => MONITOR_FILE_EXTENSIONS.includes(extname(f).toLowerCase()) && !basename(f).startsWith('.'))
    .sort()
    .map((f) => join(dir, f));
  const monitors: Monitor[] = [];
  const errors: MonitorConfigError[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    try {
      const monitor = await loadMonitorFile(file, env);
      const other = seen.get(monitor.name);
      if (other !== undefined) {
        errors.push(new MonitorConfigError(file, monitor.name, [`name "${monitor.name}" is already used by ${other}`]));
        continue;
      }
      seen.set(monitor.name, file);
      monitors.push(monitor);
    } catch (error) {
      if (error instanceof MonitorConfigError) errors.push(error);
      else throw error;
    }
  }
  return { monitors, errors };
}
