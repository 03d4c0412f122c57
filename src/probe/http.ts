import { wrap } from 'cockatiel';
import type { Dispatcher } from 'undici';
import { DEFAULT_RETRY, type AuthSpec, type CircuitBreakerSpec, type HttpMethod, type RateLimitSpec, type RequestSpec, type RetrySpec } from '../config/types.js';
import type { AuthContext, Credential, TokenRequest } from './auth/provider.js';
import { fullJitterBackoff } from './backoff.js';
import { exchange, type HttpResponse } from './exchange.js';
import { isProbeFailure, ProbeFailure } from './failure.js';
import type { HostPolicy } from './host-policies.js';
import { describeRetries, retrySuffix, seconds, settle, statusFailure, withSuffix } from './outcome.js';
import { displayUrl } from './redact.js';
import { quotaExhausted, retryHint } from './retry-after.js';
import { RetryPolicy, type GiveUpEvent, type Outcome, type RetryEvent, type Verdict } from './retry.js';
import { defaultProbeRuntime, type ProbeRuntime } from './runtime.js';
import { attemptTimeouts } from './timeouts.js';
import { RateLimitWaitError } from './token-bucket.js';

export type { HttpResponse } from './exchange.js';

/** The settings of the monitor a request probes for (a Monitor has them all). */
export interface ProbeSettings {
  name: string;
  secrets?: readonly string[];
  auth?: AuthSpec | undefined;
  retry?: RetrySpec;
  rateLimit?: RateLimitSpec;
  circuitBreaker?: CircuitBreakerSpec;
}

export interface HttpOptions {
  /** Values to keep out of error messages (the monitor's secrets are added to them). */
  secrets?: readonly string[];
  /** Cancels the probe down to its sockets and waits; the probe then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** A dispatcher to send through instead of the shared pooled Agent. */
  dispatcher?: Dispatcher;
  /** The monitor the request probes for: its auth, retry and host limits apply. Without it: no auth, default retry and limits. */
  monitor?: ProbeSettings;
  /** Shared limits, breakers, tokens, clock; default: the process's. */
  runtime?: ProbeRuntime;
  /** Things the check output should show: a rotated key, a refreshed token, retries. */
  onNotice?: (text: string) => void;
}

/** Statuses retried (with backoff, or when the vendor says): rate limited, bad gateway, unavailable, gateway timeout. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
const NON_IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['POST', 'PATCH']);
const TOKEN_BODY_CAP = 1024 * 1024;
const TOKEN_ERROR_BODY_CAP = 16 * 1024;

/** The full URL of a request: `request.url` with `request.query` appended. */
export function requestUrl(spec: Pick<RequestSpec, 'url' | 'query'>): string {
  const url = new URL(spec.url);
  for (const [key, value] of Object.entries(spec.query)) url.searchParams.set(key, value);
  return url.toString();
}


/** Everything one probe needs to know while it runs. */
interface Probe {
  runtime: ProbeRuntime;
  retry: RetrySpec;
  deadline: number;
  signal: AbortSignal | undefined;
  dispatcher: Dispatcher | undefined;
  secrets: () => string[];
  notice: (text: string) => void;
}

function reasonOf(outcome: Outcome): string {
  if ('value' in outcome) return `HTTP ${(outcome.value as HttpResponse).status}`;
  return isProbeFailure(outcome.error) ? (outcome.error.kind === 'timeout' ? 'connect timeout' : 'connection error') : 'error';
}

/** A per-probe retry policy: retryable statuses and transient connection errors, for idempotent methods unless the monitor opts in. */
function retryPolicy(probe: Probe, method: HttpMethod, forceRetryable = false): RetryPolicy {
  const retryable = forceRetryable || probe.retry.nonIdempotent || !NON_IDEMPOTENT.has(method);
  const classify = (outcome: Outcome): Verdict => {
    if (!retryable) return { retry: false };
    if ('value' in outcome) {
      const response = outcome.value as HttpResponse;
      if (!RETRY_STATUSES.has(response.status)) return { retry: false };
      return { retry: true, reason: reasonOf(outcome), hint: retryHint(response.headers, probe.runtime.clock.now()) };
    }
    return isProbeFailure(outcome.error) && outcome.error.transient ? { retry: true, reason: reasonOf(outcome) } : { retry: false };
  };
  return new RetryPolicy({
    maxAttempts: probe.retry.maxAttempts,
    backoff: fullJitterBackoff(probe.retry, probe.runtime.random),
    clock: probe.runtime.clock,
    deadline: probe.deadline,
    classify,
  });
}

/** Waits for a request slot of the host, or fails as `rate-limited` when none comes within the probe's budget. */
async function takeSlot(host: HostPolicy, probe: Probe, signal: AbortSignal | undefined): Promise<void> {
  try {
    await host.bucket.take(signal, probe.deadline);
  } catch (error) {
    if (!(error instanceof RateLimitWaitError)) throw error;
    const why = error.blockedBy
      ? `${host.host} asked to wait ${seconds(error.waitMs)} (${error.blockedBy})`
      : `the rate limit of ${host.host} (${host.limits.rps}/s, burst ${host.limits.burst}) has no free slot for ${seconds(error.waitMs)}`;
    throw new ProbeFailure('rate-limited', `${why}, beyond the probe's time budget of ${seconds(probe.retry.maxElapsedMs)}`);
  }
}

/** Applies what an answer says about the host's quota to the host's bucket, for every monitor of the host. */
function heedQuota(host: HostPolicy, response: HttpResponse, probe: Probe): void {
  const now = probe.runtime.clock.now();
  const hint = response.status === 429 || response.status === 503 ? retryHint(response.headers, now) : quotaExhausted(response.headers, now);
  if (hint) host.bucket.blockUntil(hint.until, hint.source);
}

/** POSTs a token request under the probe's budget, its token host's rate limit, and retries. */
async function sendTokenRequest(request: TokenRequest, spec: RequestSpec, probe: Probe): Promise<HttpResponse> {
  const host = probe.runtime.hosts.for(request.url);
  const shown = displayUrl(request.url, probe.secrets());
  const policy = retryPolicy(probe, 'POST', true);
  let gaveUp: GiveUpEvent | undefined;
  policy.onGiveUp((event) => (gaveUp = event));
  try {
    return await policy.execute(async () => {
      const signal = probe.signal;
      await takeSlot(host, probe, signal);
      const response = await exchange(
        {
          method: 'POST',
          url: request.url,
          headers: request.headers,
          body: request.body,
          maxBodyBytes: TOKEN_BODY_CAP,
          timeouts: attemptTimeouts(spec, probe.deadline - probe.runtime.clock.now()),
          maxRedirects: 0,
          credentialHeaders: ['authorization'],
          errorBodyBytes: TOKEN_ERROR_BODY_CAP,
        },
        { signal, dispatcher: probe.dispatcher, shown, secrets: probe.secrets() },
      );
      heedQuota(host, response, probe);
      return response;
    }, probe.signal);
  } catch (error) {
    if (isProbeFailure(error) && gaveUp) throw withSuffix(error, retrySuffix(gaveUp, probe.retry));
    throw error;
  }
}

/**
 * One probe request: the monitor's credentials, then per host a bulkhead (cockatiel), a circuit
 * breaker (cockatiel), retries with full-jitter backoff that honour Retry-After and rate-limit
 * reset headers, and per attempt a slot of the host's token bucket and the connect, header, body
 * and attempt timeouts, redirects within a limit and the body size cap. A 401 (or 403 with rotating
 * keys) gets one more try with a refreshed token or the next key. Resolves with a 2xx answer;
 * everything else ends as a ProbeFailure whose kind says what happened and whose message names
 * the URL and never a secret. When `options.signal` aborts, rejects with its reason.
 */
export async function httpRequest(spec: RequestSpec, options: HttpOptions = {}): Promise<HttpResponse> {
  const runtime = options.runtime ?? defaultProbeRuntime();
  const settings = options.monitor;
  const retry = settings?.retry ?? DEFAULT_RETRY;
  const baseSecrets = [...(options.secrets ?? []), ...(settings?.secrets ?? [])];
  const url = requestUrl(spec);
  const shown = displayUrl(url, baseSecrets);
  if (settings) runtime.hosts.register(url, settings.name, { rateLimit: settings.rateLimit, circuitBreaker: settings.circuitBreaker });
  const host = runtime.hosts.for(url);
  const provider = settings?.auth ? runtime.credentials.providerFor(settings.auth) : undefined;
  const retries: RetryEvent[] = [];
  const probe: Probe = {
    runtime,
    retry,
    deadline: runtime.clock.now() + retry.maxElapsedMs,
    signal: options.signal,
    dispatcher: options.dispatcher,
    secrets: () => [...baseSecrets, ...(provider?.secrets() ?? [])],
    notice: (text) => options.onNotice?.(text),
  };
  const authContext: AuthContext = {
    signal: options.signal,
    notice: probe.notice,
    send: (request) => sendTokenRequest(request, spec, probe),
  };

  const send = async (credential: Credential | undefined): Promise<{ response: HttpResponse; gaveUp: GiveUpEvent | undefined }> => {
    let gaveUp: GiveUpEvent | undefined;
    const policy = retryPolicy(probe, spec.method);
    policy.onRetry((event) => retries.push(event));
    policy.onGiveUp((event) => (gaveUp = event));
    const target = new URL(url);
    for (const [key, value] of Object.entries(credential?.query ?? {})) target.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'driftwatch', ...spec.headers, ...credential?.headers };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    const secretHeaders = Object.keys(spec.headers).filter((name) => baseSecrets.some((s) => s.length > 0 && spec.headers[name]!.includes(s)));
    try {
      // The attempt listens to the caller's signal itself: cockatiel hands an absent one down as a shared never-aborted signal.
      const response = await wrap(host.bulkhead, host.breaker.policy, policy).execute(async () => {
        const signal = options.signal;
        await takeSlot(host, probe, signal);
        const answer = await exchange(
          {
            method: spec.method,
            url: target.toString(),
            headers,
            body,
            maxBodyBytes: spec.maxBodyBytes,
            timeouts: attemptTimeouts(spec, probe.deadline - runtime.clock.now()),
            maxRedirects: spec.maxRedirects,
            credentialHeaders: [...Object.keys(credential?.headers ?? {}), ...secretHeaders],
          },
          { signal, dispatcher: options.dispatcher, shown, secrets: probe.secrets() },
        );
        heedQuota(host, answer, probe);
        return answer;
      }, options.signal);
      return { response, gaveUp };
    } catch (error) {
      if (isProbeFailure(error) && gaveUp) throw withSuffix(error, retrySuffix(gaveUp, retry));
      throw error;
    }
  };

  try {
    let credential = provider ? await provider.current(authContext) : undefined;
    const tried = new Set<number>();
    for (;;) {
      if (credential) tried.add(credential.id);
      const { response, gaveUp } = await send(credential);
      if (response.status >= 200 && response.status < 300) {
        if (retries.length > 0) probe.notice(describeRetries(retries));
        return response;
      }
      if ((response.status === 401 || response.status === 403) && provider && credential) {
        const next = await provider.rejected(credential, response.status, tried, authContext);
        if (next) {
          credential = next;
          continue;
        }
        throw new ProbeFailure('auth', `${spec.method} ${shown} answered HTTP ${response.status}: ${provider.exhausted(response.status)}`, {
          httpStatus: response.status,
        });
      }
      throw statusFailure(spec, shown, response, gaveUp, retry);
    }
  } catch (error) {
    throw settle(error, host, options.signal, probe.secrets());
  }
}
