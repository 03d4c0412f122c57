import type { Clock } from '../clock.js';
import type { AuthContext, AuthProvider, Credential } from './provider.js';
import { requestToken, type OAuth2Spec, type TokenGrant } from './token-endpoint.js';

/** Access and refresh tokens kept for redaction: the current ones and a few before them. */
const REMEMBERED_SECRETS = 8;

type CachedToken = TokenGrant & { generation: number };

/**
 * OAuth2 client credentials or refresh-token grant. The token is cached for every probe that uses
 * the same credential, replaced ahead of its expiry (`refreshAheadMs`, at most half its lifetime),
 * and replaced once when the vendor answers 401. However many probes need a new token at once, one
 * token request is made and all of them wait for it.
 */
export class OAuth2Provider implements AuthProvider {
  private token: CachedToken | undefined;
  /** Counts tokens obtained: a credential's id, so that a 401 on an old token does not discard a newer one. */
  private generation = 0;
  private inflight: Promise<CachedToken> | undefined;
  private refreshToken: string | undefined;
  private readonly obtained: string[] = [];

  constructor(
    private readonly spec: OAuth2Spec,
    private readonly clock: Clock,
  ) {
    this.refreshToken = spec.refreshToken;
  }

  async current(ctx: AuthContext): Promise<Credential> {
    const token = this.usable();
    return credential(token ?? (await this.obtain(ctx)));
  }

  async rejected(used: Credential, status: number, tried: ReadonlySet<number>, ctx: AuthContext): Promise<Credential | undefined> {
    if (status !== 401 || tried.size > 1) return undefined;
    const token = this.usable();
    if (token && token.generation !== used.id) return credential(token);
    if (token) {
      this.token = undefined;
      ctx.notice('the OAuth2 access token was refused (HTTP 401); obtained a new one');
    }
    return credential(await this.obtain(ctx));
  }

  exhausted(status: number): string {
    return status === 401 ? 'refused even with a newly obtained OAuth2 token' : 'the OAuth2 token was refused (HTTP 403: not permitted)';
  }

  secrets(): string[] {
    return [...this.obtained];
  }

  /** The cached token, unless it is missing or due for replacement. */
  private usable(): CachedToken | undefined {
    const token = this.token;
    if (!token || token.expiresAt === undefined) return token;
    const ahead = Math.min(this.spec.refreshAheadMs, (token.expiresAt - token.obtainedAt) / 2);
    return this.clock.now() < token.expiresAt - ahead ? token : undefined;
  }

  /**
   * One token request for everyone who needs a token now. It runs under the signal and time budget
   * of the probe that started it; the probes waiting for it share its outcome.
   */
  private obtain(ctx: AuthContext): Promise<CachedToken> {
    this.inflight ??= requestToken(this.spec, this.refreshToken, () => this.clock.now(), ctx)
      .then((grant) => {
        const token = { ...grant, generation: ++this.generation };
        this.token = token;
        if (grant.refreshToken) this.refreshToken = grant.refreshToken;
        this.remember(grant.accessToken, grant.refreshToken);
        return token;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  private remember(...values: (string | undefined)[]): void {
    for (const value of values) if (value !== undefined) this.obtained.unshift(value);
    this.obtained.splice(REMEMBERED_SECRETS);
  }
}

function credential(token: CachedToken): Credential {
  return { id: token.generation, headers: { Authorization: `Bearer ${token.accessToken}` }, query: {} };
}
