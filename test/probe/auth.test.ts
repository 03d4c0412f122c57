import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthSpec } from '../../src/config/types.js';
import { isProbeFailure, type ProbeFailure } from '../../src/probe/failure.js';
import { httpRequest, type HttpOptions } from '../../src/probe/http.js';
import { createProbeRuntime, type ProbeRuntime } from '../../src/probe/runtime.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';
import { get, settings } from './helpers.js';
import { VirtualClock } from './virtual-clock.js';

const CLIENT_ID = 'driftwatch-test-client';
const CLIENT_SECRET = 'client-secret-not-real-83kd';
const REFRESH_TOKEN = 'refresh-token-not-real-q2xv';

let clock: VirtualClock;
let runtime: ProbeRuntime;
let notices: string[];
let sim: VendorSimulator;

beforeAll(async () => {
  clock = new VirtualClock();
});
beforeEach(async () => {
  clock = new VirtualClock();
  runtime = createProbeRuntime({ clock });
  notices = [];
  sim = await new VendorSimulator({ now: () => clock.now() }).start();
  sim.json('/v1/thing', { id: 'thing_1' });
});
afterAll(async () => {
  await sim?.stop();
});

function options(auth: AuthSpec, overrides: Partial<HttpOptions['monitor']> = {}): HttpOptions {
  return { runtime, monitor: settings({ auth, ...overrides }), onNotice: (n) => notices.push(n) };
}

function oauth(overrides: Partial<Extract<AuthSpec, { type: 'oauth2' }>> = {}): AuthSpec {
  return {
    type: 'oauth2',
    grant: 'client_credentials',
    tokenUrl: sim.url('/oauth/token'),
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    refreshToken: undefined,
    scope: 'read:things',
    audience: undefined,
    clientAuth: 'basic',
    refreshAheadMs: 60_000,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<ProbeFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isProbeFailure(error)) throw new Error(`expected a ProbeFailure, got ${String(error)}`);
  return error;
}

const probe = (auth: AuthSpec, overrides: Partial<HttpOptions['monitor']> = {}) => httpRequest(get(sim.url('/v1/thing')), options(auth, overrides));

describe('static credentials', () => {
  it('sends an API key in a header, with its prefix', async () => {
    sim.requireApiKey('/v1/thing', { in: 'header', name: 'Authorization' }, ['Token key-not-real-1']);
    expect((await probe({ type: 'apiKey', in: 'header', name: 'Authorization', prefix: 'Token ', keys: ['key-not-real-1'] })).status).toBe(200);
  });

  it('sends an API key as a query parameter, and never shows it', async () => {
    sim.requireApiKey('/v1/thing', { in: 'query', name: 'api_key' }, ['key-not-real-2']);
    const auth: AuthSpec = { type: 'apiKey', in: 'query', name: 'api_key', prefix: '', keys: ['key-not-real-2'] };
    expect((await probe(auth)).status).toBe(200);
    expect(sim.requests('/v1/thing')[0]!.path).toBe('/v1/thing?api_key=key-not-real-2');
    sim.failNext('/v1/thing', 1, 500);
    const failed = await failure(probe(auth));
    expect(failed.message).toBe(`GET ${sim.url('/v1/thing')} answered HTTP 500`);
  });

  it('sends a bearer token and basic credentials', async () => {
    sim.requireTokens('/v1/thing', ['token-not-real-3']);
    expect((await probe({ type: 'bearer', tokens: ['token-not-real-3'] })).status).toBe(200);
    sim.requireBasic('/v1/thing', 'probe', 'password-not-real-4');
    expect((await probe({ type: 'basic', username: 'probe', password: 'password-not-real-4' })).status).toBe(200);
    const failed = await failure(probe({ type: 'basic', username: 'probe', password: 'wrong-password-5' }));
    expect(failed.kind).toBe('auth');
    expect(failed.message).toBe(`GET ${sim.url('/v1/thing')} answered HTTP 401: credentials refused`);
  });
});

describe('key rotation', () => {
  const keys = ['retired-key-not-real-a', 'revoked-key-not-real-b', 'current-key-not-real-c'];
  const auth: AuthSpec = { type: 'apiKey', in: 'header', name: 'X-API-Key', prefix: '', keys };

  it('moves on from a refused key, reports it, and keeps the key that works', async () => {
    sim.requireApiKey('/v1/thing', { in: 'header', name: 'X-API-Key' }, [keys[2]!]);
    expect((await probe(auth)).status).toBe(200);
    expect(notices).toEqual(['key 1 of 3 was refused (HTTP 401); now using key 2', 'key 2 of 3 was refused (HTTP 401); now using key 3']);
    expect(await probe(auth)).toMatchObject({ status: 200 });
    expect(sim.requests('/v1/thing').map((r) => [r.headers['x-api-key'], r.status])).toEqual([
      [keys[0], 401],
      [keys[1], 401],
      [keys[2], 200],
      [keys[2], 200],
    ]);
    expect(notices).toHaveLength(2);
  });

  it('rotates on 403 too, and fails as auth when every key is refused', async () => {
    sim.requireApiKey('/v1/thing', { in: 'header', name: 'X-API-Key' }, []);
    const failed = await failure(probe(auth));
    expect(failed.kind).toBe('auth');
    expect(failed.message).toBe(`GET ${sim.url('/v1/thing')} answered HTTP 401: every one of the 3 keys was refused`);
    expect(sim.count('/v1/thing')).toBe(3);
    for (const key of keys) expect(failed.message).not.toContain(key);

    const tokens = ['token-not-real-x', 'token-not-real-y'];
    sim.failNext('/v1/thing', 1, 403);
    sim.requireTokens('/v1/thing', tokens);
    expect((await probe({ type: 'bearer', tokens })).status).toBe(200);
    expect(notices.at(-1)).toBe('token 1 of 2 was refused (HTTP 403); now using token 2');
  });
});

describe('OAuth2 client credentials', () => {
  beforeEach(() => {
    sim.tokenEndpoint('/oauth/token', { clients: { [CLIENT_ID]: CLIENT_SECRET }, expiresIn: 3600 });
  });

  it('obtains a token once and reuses it', async () => {
    sim.requireOAuth('/v1/thing');
    for (let i = 0; i < 5; i++) expect((await probe(oauth())).status).toBe(200);
    expect(sim.tokenRequests()).toEqual([{ grantType: 'client_credentials', clientId: CLIENT_ID, clientAuth: 'basic', ok: true }]);
    const form = new URLSearchParams(sim.requests('/oauth/token')[0]!.body);
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'client_credentials', scope: 'read:things' });
  });

  it('sends the client credentials in the form when asked to', async () => {
    sim.requireOAuth('/v1/thing');
    await probe(oauth({ clientAuth: 'body' }));
    expect(sim.tokenRequests()[0]).toMatchObject({ clientAuth: 'body', ok: true });
  });

  it('a token the vendor stops accepting mid-run is refreshed once, and no probe fails', async () => {
    sim.requireOAuth('/v1/thing', { maxUses: 3 });
    for (let i = 0; i < 10; i++) expect((await probe(oauth())).status).toBe(200);
    expect(sim.tokenRequests()).toHaveLength(4);
    expect(sim.requests('/v1/thing').filter((r) => r.status === 401)).toHaveLength(3);
    expect(notices).toEqual(Array(3).fill('the OAuth2 access token was refused (HTTP 401); obtained a new one'));
  });

  it('refreshes ahead of expires_in, before the vendor refuses the token', async () => {
    sim.tokenEndpoint('/oauth/token', { clients: { [CLIENT_ID]: CLIENT_SECRET }, expiresIn: 300 });
    sim.requireOAuth('/v1/thing');
    await probe(oauth());
    clock.advance(200_000);
    await probe(oauth());
    expect(sim.tokenRequests()).toHaveLength(1);
    clock.advance(45_000);
    await probe(oauth());
    expect(sim.tokenRequests()).toHaveLength(2);
    expect(sim.requests('/v1/thing').map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('concurrent probes share one token request, first and after a 401 (no stampede)', async () => {
    sim.requireOAuth('/v1/thing');
    const burst = () => Promise.all(Array.from({ length: 20 }, () => probe(oauth(), { name: `monitor-${Math.random()}` })));
    expect((await burst()).map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(sim.tokenRequests()).toHaveLength(1);
    sim.revokeTokens();
    expect((await burst()).map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(sim.tokenRequests()).toHaveLength(2);
    expect(notices).toEqual(['the OAuth2 access token was refused (HTTP 401); obtained a new one']);
  });

  it('fails as auth, saying what the token endpoint answered, when the token request fails', async () => {
    sim.requireOAuth('/v1/thing');
    const refused = await failure(probe(oauth({ clientSecret: 'wrong-secret-not-real' })));
    expect(refused.kind).toBe('auth');
    expect(refused.message).toBe(`OAuth2 token request to ${sim.url('/oauth/token')} failed: HTTP 401 invalid_client (simulated invalid_client)`);
    expect(sim.count('/v1/thing')).toBe(0);

    const closed = await new VendorSimulator().start();
    const url = closed.url('/token');
    await closed.stop();
    const unreachable = await failure(probe(oauth({ tokenUrl: url })));
    expect(unreachable.kind).toBe('auth');
    expect(unreachable.message).toBe(`OAuth2 token request to ${url} failed: cannot reach ${url}: ECONNREFUSED (3 attempts)`);
  });

  it('retries a token endpoint that is briefly unavailable', async () => {
    sim.requireOAuth('/v1/thing');
    sim.failNext('/oauth/token', 1, 503);
    expect((await probe(oauth())).status).toBe(200);
    expect(sim.requests('/oauth/token').map((r) => r.status)).toEqual([503, 200]);
  });

  it('fails as auth when even a new token is refused', async () => {
    sim.requireTokens('/v1/thing', []);
    const failed = await failure(probe(oauth()));
    expect(failed.kind).toBe('auth');
    expect(failed.message).toBe(`GET ${sim.url('/v1/thing')} answered HTTP 401: refused even with a newly obtained OAuth2 token`);
    expect(sim.tokenRequests()).toHaveLength(2);
    expect(sim.count('/v1/thing')).toBe(2);
    for (const token of sim.issuedTokens()) expect(failed.message).not.toContain(token);
  });
});

describe('OAuth2 refresh-token grant', () => {
  it('refreshes with the refresh token, and with the new one when the vendor rotates it', async () => {
    sim.tokenEndpoint('/oauth/token', { clients: { [CLIENT_ID]: CLIENT_SECRET }, refreshTokens: [REFRESH_TOKEN], rotateRefreshTokens: true });
    sim.requireOAuth('/v1/thing');
    const auth = oauth({ grant: 'refresh_token', refreshToken: REFRESH_TOKEN });
    await probe(auth);
    sim.revokeTokens();
    await probe(auth);
    expect(sim.tokenRequests().map((r) => [r.grantType, r.ok])).toEqual([
      ['refresh_token', true],
      ['refresh_token', true],
    ]);
    const presented = sim.requests('/oauth/token').map((r) => new URLSearchParams(r.body).get('refresh_token'));
    expect(presented[0]).toBe(REFRESH_TOKEN);
    expect(presented[1]).toMatch(/^sim-refresh-/);
  });

  it('fails as auth with the endpoint error when the refresh token is refused', async () => {
    sim.tokenEndpoint('/oauth/token', { clients: { [CLIENT_ID]: CLIENT_SECRET }, refreshTokens: [] });
    const failed = await failure(probe(oauth({ grant: 'refresh_token', refreshToken: REFRESH_TOKEN })));
    expect(failed.kind).toBe('auth');
    expect(failed.message).toBe(`OAuth2 token refresh to ${sim.url('/oauth/token')} failed: HTTP 400 invalid_grant (simulated invalid_grant)`);
  });
});
