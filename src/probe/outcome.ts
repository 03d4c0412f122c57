import { isBrokenCircuitError, isBulkheadRejectedError, isTaskCancelledError } from 'cockatiel';
import type { RequestSpec, RetrySpec } from '../config/types.js';
import { abortReason } from './clock.js';
import type { HttpResponse } from './exchange.js';
import { failureKindForStatus, isProbeFailure, ProbeFailure } from './failure.js';
import type { HostPolicy } from './host-policies.js';
import { redactSecrets } from './redact.js';
import type { GiveUpEvent, RetryEvent } from './retry.js';

// How the end of a probe reads: failure messages and notices. No secret is ever part of one.

/** A duration for people: tenths under ten seconds, whole seconds above. */
export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** The notice of a probe that succeeded after retries. */
export function describeRetries(retries: readonly RetryEvent[]): string {
  const each = retries.map((r) => `after ${r.reason} (${r.hintSource ? `${r.hintSource}: ` : 'backoff '}${seconds(r.delayMs)})`);
  return `retried ${retries.length} time${retries.length === 1 ? '' : 's'}: ${each.join(', ')}`;
}

/** What the retries came to, appended to a failure message. */
export function retrySuffix(gaveUp: GiveUpEvent, retry: RetrySpec): string {
  if (gaveUp.because === 'attempts') return gaveUp.attempts > 1 ? ` (${gaveUp.attempts} attempts)` : '';
  const who = gaveUp.hintSource ? `the vendor asked to wait ${seconds(gaveUp.wantedDelayMs ?? 0)} (${gaveUp.hintSource})` : `the next backoff of ${seconds(gaveUp.wantedDelayMs ?? 0)}`;
  return ` (${gaveUp.attempts} attempt${gaveUp.attempts === 1 ? '' : 's'}; ${who}, beyond the probe's time budget of ${seconds(retry.maxElapsedMs)})`;
}

/** The same failure with more said about it. */
export function withSuffix(failure: ProbeFailure, suffix: string): ProbeFailure {
  if (suffix === '') return failure;
  return new ProbeFailure(failure.kind, `${failure.message}${suffix}`, { httpStatus: failure.httpStatus, cause: failure.cause, transient: failure.transient });
}

const FOLLOWED_REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * The failure a final non-2xx answer is: its kind, and a message naming method, URL and status. A
 * redirect still there after `request.maxRedirects` hops is a `redirect-loop` (a chain that long is
 * a loop through changing URLs, in practice); with `maxRedirects: 0` a redirect is just an answer.
 */
export function statusFailure(spec: RequestSpec, shown: string, response: HttpResponse, gaveUp: GiveUpEvent | undefined, retry: RetrySpec): ProbeFailure {
  const suffix = gaveUp ? retrySuffix(gaveUp, retry) : '';
  const redirect = response.status >= 300 && response.status < 400 && response.headers.location !== undefined;
  if (redirect && spec.maxRedirects > 0 && FOLLOWED_REDIRECTS.has(response.status)) {
    const hops = `${spec.maxRedirects} redirect${spec.maxRedirects === 1 ? '' : 's'}`;
    return new ProbeFailure(
      'redirect-loop',
      `${spec.method} ${shown} still answered HTTP ${response.status} after ${hops}, the limit of request.maxRedirects (a redirect loop?)${suffix}`,
      { httpStatus: response.status },
    );
  }
  const kind = failureKindForStatus(response.status);
  let detail = '';
  if (kind === 'auth') detail = ' (credentials refused)';
  else if (kind === 'rate-limited') detail = ' (rate limited)';
  else if (redirect && spec.maxRedirects === 0) detail = ' (a redirect; request.maxRedirects is 0)';
  return new ProbeFailure(kind, `${spec.method} ${shown} answered HTTP ${response.status}${detail}${suffix}`, { httpStatus: response.status });
}

/** Maps what escaped the policies to a ProbeFailure without secrets, or the caller's abort reason. */
export function settle(error: unknown, host: HostPolicy, signal: AbortSignal | undefined, secrets: readonly string[]): unknown {
  if (signal?.aborted && (isTaskCancelledError(error) || !isProbeFailure(error))) return abortReason(signal);
  if (isBrokenCircuitError(error)) {
    return new ProbeFailure('vendor-unavailable', host.breaker.describeOpen(), { cause: error });
  }
  if (isBulkheadRejectedError(error)) {
    return new ProbeFailure('rate-limited', `${host.host}: more than ${host.limits.concurrency} probes in flight and the queue is full`, { cause: error });
  }
  if (!isProbeFailure(error)) return error;
  const message = redactSecrets(error.message, secrets);
  if (message === error.message) return error;
  return new ProbeFailure(error.kind, message, { httpStatus: error.httpStatus, transient: error.transient });
}
