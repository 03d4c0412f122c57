import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MonitorConfigError } from '../../src/config/errors.js';
import { buildMonitor } from '../../src/config/load.js';
import { workspace } from '../helpers/monitor-files.js';

const base = { name: 'things', kind: 'endpoint', request: { url: 'https://api.example.com/v1/things' } };

function problems(document: unknown, env: Record<string, string> = {}): string[] {
  try {
    buildMonitor(document, 'monitors/m.yaml', env);
    return [];
  } catch (error) {
    if (error instanceof MonitorConfigError) return error.problems;
    throw error;
  }
}

describe('auth, retry and host limits in monitor files', () => {
  it('fills the defaults of an API key and treats every key as a secret, from the environment or not', () => {
    const monitor = buildMonitor({ ...base, auth: { type: 'apiKey', keys: ['${KEY_A}', 'literal-key-not-real'] } }, 'm.yaml', { KEY_A: 'env-key-not-real' });
    expect(monitor.auth).toEqual({ type: 'apiKey', in: 'header', name: 'X-API-Key', prefix: '', keys: ['env-key-not-real', 'literal-key-not-real'] });
    expect(monitor.secrets.sort()).toEqual(['env-key-not-real', 'literal-key-not-real']);
    expect(buildMonitor({ ...base, auth: { type: 'apiKey', in: 'query', key: 'k-not-real' } }, 'm.yaml', {}).auth).toMatchObject({ in: 'query', name: 'api_key', keys: ['k-not-real'] });
  });

  it('reads OAuth2 secrets from *_FILE and keeps them, and the Basic form of the client, as secrets', async () => {
    const ws = await workspace();
    try {
      const file = join(ws.dir, 'client-secret');
      await writeFile(file, 'file-client-secret-not-real\n');
      const monitor = buildMonitor(
        { ...base, auth: { type: 'oauth2', tokenUrl: 'https://auth.example.com/oauth/token', clientId: 'client-1', clientSecret: '${CLIENT_SECRET}', scope: 'read' } },
        'm.yaml',
        { CLIENT_SECRET_FILE: file },
      );
      expect(monitor.auth).toEqual({
        type: 'oauth2',
        grant: 'client_credentials',
        tokenUrl: 'https://auth.example.com/oauth/token',
        clientId: 'client-1',
        clientSecret: 'file-client-secret-not-real',
        refreshToken: undefined,
        scope: 'read',
        audience: undefined,
        clientAuth: 'basic',
        refreshAheadMs: 60000,
      });
      expect(monitor.secrets).toEqual(['file-client-secret-not-real', Buffer.from('client-1:file-client-secret-not-real').toString('base64')]);
    } finally {
      await ws.remove();
    }
  });

  it('takes retry, rate limit, circuit breaker, timeout and redirect settings', () => {
    const monitor = buildMonitor(
      {
        ...base,
        request: { ...base.request, connectTimeoutMs: 2000, headersTimeoutMs: 5000, bodyTimeoutMs: 8000, maxRedirects: 0 },
        retry: { maxAttempts: 5, maxElapsedMs: 120000, nonIdempotent: true },
        rateLimit: { rps: 0.5, burst: 2 },
        circuitBreaker: { threshold: 3 },
      },
      'm.yaml',
      {},
    );
    expect(monitor.request).toMatchObject({ timeoutMs: 30000, connectTimeoutMs: 2000, headersTimeoutMs: 5000, bodyTimeoutMs: 8000, maxRedirects: 0 });
    expect(monitor.retry).toEqual({ maxAttempts: 5, initialDelayMs: 500, maxDelayMs: 30000, maxElapsedMs: 120000, nonIdempotent: true });
    expect(monitor.rateLimit).toEqual({ rps: 0.5, burst: 2 });
    expect(monitor.circuitBreaker).toEqual({ threshold: 3 });
    expect(buildMonitor({ ...base, request: { ...base.request, timeoutMs: 7000 } }, 'm.yaml', {}).request).toMatchObject({ headersTimeoutMs: 7000, bodyTimeoutMs: 7000 });
  });

  it.each<[string, unknown, string[]]>([
    ['an unknown auth type', { type: 'hmac' }, ['field "auth.type" must be one of "apiKey", "bearer", "basic", "oauth2" (got "hmac")']],
    ['auth without a type', { key: 'x' }, ['missing required field "auth.type"']],
    ['an API key without a key', { type: 'apiKey' }, ['field "auth.key" (or "auth.keys") is required for auth type apiKey']],
    ['both key and keys', { type: 'apiKey', key: 'a', keys: ['b'] }, ['fields "auth.key" and "auth.keys" cannot both be set']],
    ['a field of another auth type', { type: 'bearer', token: 't', username: 'u' }, ['unknown field "auth.username" (expected one of: type, token, tokens)']],
    ['basic without a password', { type: 'basic', username: 'u' }, ['missing required field "auth.password"']],
    ['a refresh-token grant without a refresh token', { type: 'oauth2', grant: 'refresh_token', tokenUrl: 'https://a.example.com/t', clientId: 'c' }, ['field "auth.refreshToken" is required for grant refresh_token']],
    ['a token URL that is not http', { type: 'oauth2', tokenUrl: 'ftp://a.example.com/t', clientId: 'c', clientSecret: 's' }, ['field "auth.tokenUrl" must be an http or https URL (got ftp:)']],
  ])('rejects %s', (_label, auth, expected) => {
    expect(problems({ ...base, auth })).toEqual(expected);
  });

  it('never quotes an auth value in a message', () => {
    expect(problems({ ...base, auth: { type: 'bearer', token: 5 } })).toEqual(['field "auth.token" must be a string']);
  });

  it.each<[string, unknown, string]>([
    ['zero attempts', { retry: { maxAttempts: 0 } }, 'field "retry.maxAttempts" must be at least 1 (got number 0)'],
    ['a max delay under the initial delay', { retry: { initialDelayMs: 1000, maxDelayMs: 10 } }, 'field "retry.maxDelayMs" must be at least retry.initialDelayMs'],
    ['a rate of zero', { rateLimit: { rps: 0 } }, 'field "rateLimit.rps" must be > 0'],
    ['a burst of zero', { rateLimit: { burst: 0 } }, 'field "rateLimit.burst" must be at least 1 (got number 0)'],
    ['a negative redirect limit', { request: { ...base.request, maxRedirects: -1 } }, 'field "request.maxRedirects" must be at least 0 (got number -1)'],
  ])('rejects %s', (_label, fields, message) => {
    expect(problems({ ...base, ...(fields as object) })).toEqual([message]);
  });
});
