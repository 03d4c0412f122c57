import type { AuthSpec } from '../../config/types.js';
import { isProbeFailure, ProbeFailure } from '../failure.js';
import { displayUrl, redactSecrets } from '../redact.js';
import type { AuthContext } from './provider.js';

export type OAuth2Spec = Extract<AuthSpec, { type: 'oauth2' }>;

/** An access token as the token endpoint granted it. */
export interface TokenGrant {
  accessToken: string;
  /** Epoch ms. */
  obtainedAt: number;
  /** Epoch ms; undefined when the endpoint gave no `expires_in`. */
  expiresAt: number | undefined;
  /** A new refresh token, when the endpoint rotates them. */
  refreshToken: string | undefined;
}

/** Form-encoding as RFC 6749 appendix B asks for the client id and secret in HTTP Basic. */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

function describeError(body: Buffer, secrets: readonly string[]): string {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: unknown; error_description?: unknown };
    if (typeof parsed.error !== 'string') return '';
    const description = typeof parsed.error_description === 'string' ? ` (${parsed.error_description.slice(0, 200)})` : '';
    return ` ${redactSecrets(`${parsed.error.slice(0, 100)}${description}`, secrets)}`;
  } catch {
    return '';
  }
}

/**
 * One token request (RFC 6749 4.4 client credentials, or 6 refreshing an access token). Any way it
 * fails — unreachable, refused, an answer without an access token — is a ProbeFailure of kind
 * `auth` that says what the endpoint answered, never what was sent.
 */
export async function requestToken(spec: OAuth2Spec, refreshToken: string | undefined, now: () => number, ctx: AuthContext): Promise<TokenGrant> {
  const shown = displayUrl(spec.tokenUrl);
  const secrets = [spec.clientSecret, refreshToken, spec.refreshToken].filter((s): s is string => s !== undefined);
  const form = new URLSearchParams();
  if (spec.grant === 'refresh_token') {
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', refreshToken ?? spec.refreshToken ?? '');
  } else {
    form.set('grant_type', 'client_credentials');
  }
  if (spec.scope) form.set('scope', spec.scope);
  if (spec.audience) form.set('audience', spec.audience);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (spec.clientAuth === 'basic' && spec.clientSecret !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${formEncode(spec.clientId)}:${formEncode(spec.clientSecret)}`).toString('base64')}`;
  } else {
    form.set('client_id', spec.clientId);
    if (spec.clientSecret !== undefined) form.set('client_secret', spec.clientSecret);
  }

  const what = spec.grant === 'refresh_token' ? 'OAuth2 token refresh' : 'OAuth2 token request';
  let response;
  try {
    response = await ctx.send({ url: spec.tokenUrl, headers, body: form.toString() });
  } catch (error) {
    if (!isProbeFailure(error)) throw error;
    throw new ProbeFailure('auth', `${what} to ${shown} failed: ${redactSecrets(error.message, secrets)}`, { cause: error });
  }
  if (response.status < 200 || response.status >= 300) {
    throw new ProbeFailure('auth', `${what} to ${shown} failed: HTTP ${response.status}${describeError(response.body, secrets)}`, {
      httpStatus: response.status,
    });
  }
  let parsed: { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown };
  try {
    parsed = JSON.parse(response.body.toString('utf8')) as typeof parsed;
  } catch {
    throw new ProbeFailure('auth', `${what} to ${shown} failed: the answer is not JSON`, { httpStatus: response.status });
  }
  if (typeof parsed.access_token !== 'string' || parsed.access_token === '') {
    throw new ProbeFailure('auth', `${what} to ${shown} failed: the answer has no access_token`, { httpStatus: response.status });
  }
  const expiresIn = Number(parsed.expires_in);
  return {
    accessToken: parsed.access_token,
    obtainedAt: now(),
    expiresAt: parsed.expires_in !== undefined && Number.isFinite(expiresIn) && expiresIn > 0 ? now() + expiresIn * 1000 : undefined,
    refreshToken: typeof parsed.refresh_token === 'string' && parsed.refresh_token !== '' ? parsed.refresh_token : undefined,
  };
}
