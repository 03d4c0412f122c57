/**
 * Time as the probe layer sees it. Backoff waits, rate-limit waits, time budgets and token expiry
 * all go through one clock, so tests can replace real waiting with a clock they advance.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const own = signal ? followSignal(signal) : undefined;
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      const timer = setTimeout(() => {
        own?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      own?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A signal of one's own that aborts with `signal`. Listening on it rather than on `signal` keeps
 * hundreds of concurrent probes from piling listeners onto one shared signal (the daemon's
 * shutdown signal): AbortSignal.any links signals without adding event listeners to the source.
 */
export function followSignal(signal: AbortSignal): AbortSignal {
  return AbortSignal.any([signal]);
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
