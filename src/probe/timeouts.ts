import type { RequestSpec } from '../config/types.js';

export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'attempt';

export interface AttemptTimeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
  /** The whole attempt, connect to last byte: `request.timeoutMs`, or less when the probe's time budget is nearly spent. */
  attemptMs: number;
}

/** The abort reason of an attempt that ran out of time; says which phase and how long it had. */
export class AttemptTimeout extends Error {
  constructor(
    readonly phase: TimeoutPhase,
    readonly ms: number,
  ) {
    super(`${phase} timeout after ${ms} ms`);
    this.name = 'AttemptTimeout';
  }
}

export function attemptTimeouts(spec: Pick<RequestSpec, 'timeoutMs' | 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs'>, remainingMs: number): AttemptTimeouts {
  const attemptMs = Math.max(1, Math.min(spec.timeoutMs, remainingMs));
  return { connectMs: spec.connectTimeoutMs, headersMs: spec.headersTimeoutMs, bodyMs: spec.bodyTimeoutMs, attemptMs };
}

/** What a timed-out phase means, for a failure message. */
export function describeTimeout(phase: TimeoutPhase, ms: number): string {
  switch (phase) {
    case 'connect':
      return `no connection within ${ms} ms`;
    case 'headers':
      return `no response within ${ms} ms`;
    case 'body':
      return `the response body did not arrive in full within ${ms} ms`;
    case 'attempt':
      return `did not answer in full within ${ms} ms`;
  }
}

/**
 * The signal of one attempt: aborts when the caller's signal does (with its reason), when the
 * whole attempt runs out of time, or when the body, once its head has arrived, takes too long.
 * Connect and header timeouts are undici's own (its Agent's connect timeout and `headersTimeout`).
 */
export class AttemptClock {
  private readonly controller = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  readonly signal: AbortSignal;

  constructor(
    readonly timeouts: AttemptTimeouts,
    caller: AbortSignal | undefined,
  ) {
    this.signal = caller ? AbortSignal.any([caller, this.controller.signal]) : this.controller.signal;
    this.arm('attempt', timeouts.attemptMs);
  }

  /** The response head arrived: the body now has `bodyMs`. */
  headersReceived(): void {
    this.arm('body', this.timeouts.bodyMs);
  }

  /** The phase that ran out of time, if the attempt was aborted by one of its timers. */
  get timedOut(): AttemptTimeout | undefined {
    return this.signal.reason instanceof AttemptTimeout ? this.signal.reason : undefined;
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private arm(phase: TimeoutPhase, ms: number): void {
    const timer = setTimeout(() => this.controller.abort(new AttemptTimeout(phase, ms)), ms);
    timer.unref();
    this.timers.push(timer);
  }
}
