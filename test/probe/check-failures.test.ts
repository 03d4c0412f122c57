import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../helpers/dump-tables.js';
import { freshDatabase, isPostgresReachable, POSTGRES_SKIP_MESSAGE, type Driver, type TestDatabase } from '../helpers/database.js';
import { runCli } from '../helpers/cli.js';
import { workspace } from '../helpers/monitor-files.js';
import { VendorSimulator } from '../fakes/vendor-simulator.js';

/** Made-up credentials that match no real format. */
const SECRETS = {
  OLD_KEY: 'old-key-not-real-1a1a1a',
  API_KEY: 'api-key-not-real-2b2b2b',
  BEARER: 'bearer-not-real-3c3c3c',
  CLIENT_SECRET: 'client-secret-not-real-4d4d4d',
  WRONG_CLIENT_SECRET: 'wrong-secret-not-real-5e5e5e',
  REFRESH_TOKEN: 'refresh-token-not-real-6f6f6f',
};

const postgresUp = await isPostgresReachable();
if (!postgresUp) console.warn(`[skip] probe failures on PostgreSQL: ${POSTGRES_SKIP_MESSAGE}`);

describe.each<Driver>(['pglite', 'postgres'])('each probe failure through driftwatch check on %s', (driver) => {
  const sim = new VendorSimulator();
  const breakerHost = new VendorSimulator();
  const limitedHost = new VendorSimulator();
  const closed = new VendorSimulator();
  let closedUrl = '';
  let ws: Awaited<ReturnType<typeof workspace>>;
  let db: TestDatabase;

  beforeAll(async () => {
    await Promise.all([sim.start(), breakerHost.start(), limitedHost.start(), closed.start()]);
    closedUrl = closed.url('/v1/gone');
    await closed.stop();
  });
  afterAll(async () => {
    await Promise.all([sim.stop(), breakerHost.stop(), limitedHost.stop()]);
  });
  beforeEach(async (ctx) => {
    if (driver === 'postgres' && !postgresUp) ctx.skip();
    ws = await workspace();
    db = await freshDatabase(driver);
  });
  afterEach(async () => {
    await ws?.remove();
    await db?.remove();
  });

  const monitor = (name: string, url: string, ...lines: string[]) =>
    ws.write(`${name}.yaml`, [`name: ${name}`, 'kind: endpoint', 'request:', `  url: ${url}`, ...lines].join('\n'));

  it('reports each kind as itself, exits 2, keeps failures out of baselines, rotates and refreshes visibly, and leaks no secret', async () => {
    const oauth = (secretVar: string, grant: string) => [
      'auth:',
      '  type: oauth2',
      `  grant: ${grant}`,
      `  tokenUrl: ${sim.url('/oauth/token')}`,
      '  clientId: driftwatch-e2e',
      `  clientSecret: \${${secretVar}}`,
      ...(grant === 'refresh_token' ? ['  refreshToken: ${REFRESH_TOKEN}'] : []),
    ];
    sim.tokenEndpoint('/oauth/token', { clients: { 'driftwatch-e2e': SECRETS.CLIENT_SECRET }, refreshTokens: [SECRETS.REFRESH_TOKEN] });

    sim.json('/v1/private', { id: 1 }).requireTokens('/v1/private', ['some-other-token']);
    await monitor('auth-bearer', sim.url('/v1/private'), 'auth:', '  type: bearer', '  token: ${BEARER}');
    sim.json('/v1/oauth-refused', { id: 1 });
    await monitor('auth-oauth', sim.url('/v1/oauth-refused'), ...oauth('WRONG_CLIENT_SECRET', 'client_credentials'));

    const oneStrike = ['retry:', '  maxAttempts: 1', 'circuitBreaker:', '  threshold: 1'];
    breakerHost.json('/v1/a', { id: 1 }).failNext('/v1/a', 1, 503).json('/v1/b', { id: 2 });
    await monitor('breaker-a', breakerHost.url('/v1/a'), ...oneStrike);
    await monitor('breaker-b', breakerHost.url('/v1/b'), ...oneStrike);

    sim.respond('/v1/broken', { status: 500, json: { error: 'boom' } });
    await monitor('http-500', sim.url('/v1/broken'));
    sim.json('/v1/html', { id: 1 }).htmlNext('/v1/html');
    await monitor('not-json', sim.url('/v1/html'));
    await monitor('network', closedUrl, 'retry:', '  initialDelayMs: 10');

    // A token the vendor accepts once, shared by three monitors with the same credential (one probe
    // each per check): the second and third probes each need a refresh mid-run.
    sim.json('/v1/oauth', { id: 'thing_1', n: 1 }).requireOAuth('/v1/oauth', { maxUses: 1 });
    for (const name of ['oauth-ok-1', 'oauth-ok-2', 'oauth-ok-3']) await monitor(name, sim.url('/v1/oauth'), ...oauth('CLIENT_SECRET', 'refresh_token'));

    limitedHost.json('/v1/limited', { id: 1 }).rateLimitNext('/v1/limited', 1, { seconds: 120 });
    await monitor('rate-limited', limitedHost.url('/v1/limited'));

    sim.json('/v1/keyed', { id: 1 }).requireApiKey('/v1/keyed', { in: 'header', name: 'X-API-Key' }, [SECRETS.API_KEY]);
    await monitor('rotated', sim.url('/v1/keyed'), 'auth:', '  type: apiKey', '  keys:', '    - ${OLD_KEY}', '    - ${API_KEY}');

    sim.json('/v1/stall', { id: 1 }).stallNext('/v1/stall', 3000);
    await monitor('timeout', sim.url('/v1/stall'), '  headersTimeoutMs: 300');
    sim.json('/v1/huge', { id: 1 }).oversizeNext('/v1/huge', 11 * 1024 * 1024, false);
    await monitor('too-large', sim.url('/v1/huge'));

    const result = await runCli(['check'], { cwd: ws.dir, env: { ...db.env, ...SECRETS } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    const breakerPort = new URL(breakerHost.baseUrl).port;
    expect(result.stdout.split('\n')).toEqual([
      `auth-bearer  FAILED  could not check (auth): GET ${sim.url('/v1/private')} answered HTTP 401: credentials refused`,
      `auth-oauth  FAILED  could not check (auth): OAuth2 token request to ${sim.url('/oauth/token')} failed: HTTP 401 invalid_client (simulated invalid_client)`,
      `breaker-a  FAILED  could not check (http-503): GET ${breakerHost.url('/v1/a')} answered HTTP 503`,
      `breaker-b  FAILED  could not check (vendor-unavailable): 127.0.0.1:${breakerPort} is failing: its circuit opened after 1 consecutive failed probe (last: HTTP 503); probes fail fast until a trial in 30 s`,
      `http-500  FAILED  could not check (http-500): GET ${sim.url('/v1/broken')} answered HTTP 500`,
      `network  FAILED  could not check (network): cannot reach ${closedUrl}: ECONNREFUSED (3 attempts)`,
      `not-json  FAILED  could not check (not-json): ${sim.url('/v1/html')} answered text/html, not JSON (an HTML page, likely an error page)`,
      'oauth-ok-1  BASELINE  baseline recorded (version 1); later checks compare against it',
      'oauth-ok-2  BASELINE  baseline recorded (version 1); later checks compare against it',
      '  note: the OAuth2 access token was refused (HTTP 401); obtained a new one',
      'oauth-ok-3  BASELINE  baseline recorded (version 1); later checks compare against it',
      '  note: the OAuth2 access token was refused (HTTP 401); obtained a new one',
      `rate-limited  FAILED  could not check (rate-limited): GET ${limitedHost.url('/v1/limited')} answered HTTP 429 (rate limited) (1 attempt; the vendor asked to wait 120 s (Retry-After), beyond the probe's time budget of 60 s)`,
      'rotated  BASELINE  baseline recorded (version 1); later checks compare against it',
      '  note: key 1 of 2 was refused (HTTP 401); now using key 2',
      `timeout  FAILED  could not check (timeout): ${sim.url('/v1/stall')}: no response within 300 ms`,
      `too-large  FAILED  could not check (too-large): GET ${sim.url('/v1/huge')} sent a body over the 10485760-byte cap (raise request.maxBodyBytes to accept it)`,
      '',
    ]);
    expect(sim.requests('/v1/oauth').map((r) => r.status)).toEqual([200, 401, 200, 401, 200]);
    expect(breakerHost.count('/v1/b')).toBe(0);

    const store = await db.open();
    let tables;
    try {
      tables = await dumpTables(store);
    } finally {
      await store.close();
    }
    const monitorNames = new Map(tables.monitors.map((m) => JSON.parse(m) as { id: number; name: string }).map((m) => [m.id, m.name]));
    const runs = tables.runs.map((r) => JSON.parse(r) as { monitor_id: number; outcome: string; failure_kind: string | null });
    expect(Object.fromEntries(runs.map((r) => [monitorNames.get(r.monitor_id), r.failure_kind ?? r.outcome]))).toEqual({
      'auth-bearer': 'auth',
      'auth-oauth': 'auth',
      'breaker-a': 'http-503',
      'breaker-b': 'vendor-unavailable',
      'http-500': 'http-500',
      'not-json': 'not-json',
      network: 'network',
      'oauth-ok-1': 'baseline',
      'oauth-ok-2': 'baseline',
      'oauth-ok-3': 'baseline',
      'rate-limited': 'rate-limited',
      rotated: 'baseline',
      timeout: 'timeout',
      'too-large': 'too-large',
    });
    expect(tables.baselines).toHaveLength(4);
    expect(tables.schemas).toHaveLength(2);

    const leaks = [
      ...Object.values(SECRETS),
      ...sim.issuedTokens(),
      Buffer.from(`driftwatch-e2e:${SECRETS.CLIENT_SECRET}`).toString('base64'),
      Buffer.from(`driftwatch-e2e:${SECRETS.WRONG_CLIENT_SECRET}`).toString('base64'),
    ];
    expect(sim.issuedTokens()).toHaveLength(3);
    const everything = [result.stdout, result.stderr, ...Object.entries(tables).flatMap(([table, rows]) => rows.map((row) => `${table}: ${row}`))];
    for (const secret of leaks) {
      for (const text of everything) expect(text, 'a secret leaked').not.toContain(secret);
    }
  });
});
