import { CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { isProbeFailure, TRANSPORT_FAILURES } from './failure.js';

export interface BreakerLimits {
  threshold: number;
  halfOpenAfterMs: number;
}

/** Statuses that say the vendor is struggling: they count toward opening the circuit. */
export function isVendorTroubleStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function isResponse(value: unknown): value is { status: number } {
  return typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'number';
}

/**
 * The circuit breaker of one host (cockatiel's, with a consecutive-failure breaker). A probe fails
 * it when it ends, retries spent, in a transport failure (refused, reset, DNS, TLS, a timeout), a 429
 * or a 5xx; any other end (success, 4xx, an unreadable body, a redirect loop) closes the count. Auth problems are ours, not the vendor's,
 * and never open it.
 */
export class HostBreaker {
  readonly policy: CircuitBreakerPolicy;
  /** When the circuit last opened, epoch ms (Date.now, which cockatiel's breaker also uses). */
  openedAt = 0;
  lastFailure = '';

  constructor(
    readonly host: string,
    readonly limits: BreakerLimits,
  ) {
    this.policy = circuitBreaker(
      handleWhen((error) => isProbeFailure(error) && TRANSPORT_FAILURES.has(error.kind)).orWhenResult(
        (result) => isResponse(result) && isVendorTroubleStatus(result.status),
      ),
      { halfOpenAfter: limits.halfOpenAfterMs, breaker: new ConsecutiveBreaker(limits.threshold) },
    );
    this.policy.onBreak((reason) => {
      this.openedAt = Date.now();
      if ('error' in reason) this.lastFailure = isProbeFailure(reason.error) ? reason.error.kind : 'an error';
      else if ('value' in reason && isResponse(reason.value)) this.lastFailure = `HTTP ${reason.value.status}`;
    });
  }

  get state(): 'closed' | 'open' | 'half-open' {
    switch (this.policy.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'open';
    }
  }

  /** Why probes fail fast right now, for the `vendor-unavailable` message. */
  describeOpen(): string {
    const retryIn = Math.max(0, this.openedAt + this.limits.halfOpenAfterMs - Date.now());
    return (
      `${this.host} is failing: its circuit opened after ${this.limits.threshold} consecutive failed probe${this.limits.threshold === 1 ? '' : 's'}` +
      `${this.lastFailure ? ` (last: ${this.lastFailure})` : ''}; probes fail fast until a trial in ${Math.ceil(retryIn / 1000)} s`
    );
  }
}
