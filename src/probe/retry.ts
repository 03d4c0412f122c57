import {
  EventEmitter,
  type IBackoff,
  type IBackoffFactory,
  type IFailureEvent,
  type IPolicy,
  type IRetryContext,
  type ISuccessEvent,
} from 'cockatiel';
import type { Clock } from './clock.js';
import type { WaitHint } from './retry-after.js';

export type Outcome = { value: unknown } | { error: unknown };

/** What a finished attempt means for the next one. */
export type Verdict = { retry: false } | { retry: true; reason: string; hint?: WaitHint | undefined };

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  backoff: IBackoffFactory<unknown>;
  clock: Clock;
  /** Epoch milliseconds: no attempt is scheduled to start after it. */
  deadline: number;
  classify(outcome: Outcome): Verdict;
}

export interface RetryEvent {
  /** The attempt about to start (2 for the first retry). */
  attempt: number;
  delayMs: number;
  reason: string;
  /** The header the delay came from, when the vendor named one. */
  hintSource: string | undefined;
}

export interface GiveUpEvent {
  attempts: number;
  reason: string;
  /** `attempts`: all used; `budget`: the next wait would end past the probe's deadline. */
  because: 'attempts' | 'budget';
  /** The wait that did not fit, for `budget`. */
  wantedDelayMs: number | undefined;
  hintSource: string | undefined;
}

/**
 * A retry policy with cockatiel's interface (`execute(fn, signal)`, events, composable with
 * `wrap`), for what cockatiel's own RetryPolicy does not do: wait on an injectable clock whose
 * sleep the AbortSignal interrupts (cockatiel's delay is a bare setTimeout the signal cannot cut
 * short, so a daemon shutting down would sit out a 60-second Retry-After), honour a vendor's
 * wait hint in place of the backoff, and stop when the next wait would overrun the probe's time
 * budget.
 */
export class RetryPolicy implements IPolicy<IRetryContext> {
  declare readonly _altReturn: never;
  private readonly successEmitter = new EventEmitter<ISuccessEvent>();
  private readonly failureEmitter = new EventEmitter<IFailureEvent>();
  private readonly retryEmitter = new EventEmitter<RetryEvent>();
  private readonly giveUpEmitter = new EventEmitter<GiveUpEvent>();
  readonly onSuccess = this.successEmitter.addListener;
  readonly onFailure = this.failureEmitter.addListener;
  readonly onRetry = this.retryEmitter.addListener;
  readonly onGiveUp = this.giveUpEmitter.addListener;

  constructor(private readonly options: RetryOptions) {}

  async execute<T>(fn: (context: IRetryContext) => PromiseLike<T> | T, signal: AbortSignal = new AbortController().signal): Promise<T> {
    const { clock, deadline, maxAttempts } = this.options;
    const started = clock.now();
    let backoff: IBackoff<unknown> | undefined;
    for (let attempt = 1; ; attempt++) {
      let outcome: Outcome;
      try {
        outcome = { value: await fn({ signal, attempt }) };
      } catch (error) {
        outcome = { error };
      }
      const verdict: Verdict = signal.aborted ? { retry: false } : this.options.classify(outcome);
      if (verdict.retry) {
        backoff = backoff ? backoff.next(undefined) : this.options.backoff.next(undefined);
        const now = clock.now();
        const delayMs = verdict.hint ? Math.max(0, verdict.hint.until - now) : backoff.duration;
        const hintSource = verdict.hint?.source;
        if (attempt < maxAttempts && now + delayMs <= deadline) {
          this.retryEmitter.emit({ attempt: attempt + 1, delayMs, reason: verdict.reason, hintSource });
          await clock.sleep(delayMs, signal);
          continue;
        }
        const because = attempt >= maxAttempts ? 'attempts' : 'budget';
        this.giveUpEmitter.emit({ attempts: attempt, reason: verdict.reason, because, wantedDelayMs: because === 'budget' ? delayMs : undefined, hintSource });
        this.failureEmitter.emit({ duration: clock.now() - started, handled: true, reason: outcome as IFailureEvent['reason'] });
      } else if ('value' in outcome) {
        this.successEmitter.emit({ duration: clock.now() - started });
      }
      if ('error' in outcome) throw outcome.error;
      return outcome.value as T;
    }
  }
}
