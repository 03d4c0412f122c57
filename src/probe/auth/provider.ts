import type { HttpResponse } from '../exchange.js';

/** Credentials as applied to one request. */
export interface Credential {
  /** Which credential this is (a key's position, a token's generation): what `rejected` is told about. */
  readonly id: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
}

export interface TokenRequest {
  url: string;
  headers: Record<string, string>;
  /** application/x-www-form-urlencoded */
  body: string;
}

/** What a provider may use while a probe runs. */
export interface AuthContext {
  signal: AbortSignal | undefined;
  /** Something the user should see in the check output (a rotated key, a refreshed token). */
  notice(text: string): void;
  /**
   * POSTs to a token endpoint under the probe's timeouts, rate limits, retries and time budget, and
   * returns the answer whatever its status (with its body). Throws ProbeFailure when there is none.
   */
  send(request: TokenRequest): Promise<HttpResponse>;
}

/**
 * One way of proving who the probe is. A provider is shared by every probe that uses the same
 * credential in this process (see credential-store.ts), so its state — a cached token, the key in
 * use — is too.
 */
export interface AuthProvider {
  /** The credential to send now; may obtain a token first. Throws ProbeFailure(`auth`) when it cannot. */
  current(ctx: AuthContext): Promise<Credential>;
  /**
   * The vendor refused `used` with `status` (401 or 403). Returns a credential worth one more try, or
   * undefined when there is none (the probe then fails as `auth`). `tried` lists the ids this probe
   * has already sent.
   */
  rejected(used: Credential, status: number, tried: ReadonlySet<number>, ctx: AuthContext): Promise<Credential | undefined>;
  /** Why the probe gives up after the last refusal, appended to the failure message. */
  exhausted(status: number): string;
  /** Secret values obtained at run time (access and refresh tokens), to redact from messages. */
  secrets(): string[];
}
