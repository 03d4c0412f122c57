import { ExponentialBackoff, type GeneratorFn, type IBackoff, type IBackoffFactory } from 'cockatiel';

export interface BackoffSpec {
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * the n-th delay is uniform in [0, min(maxDelay, initialDelay * 2^n)). Spreading retries over the
 * whole interval keeps many probes that failed together from retrying together. `random` is
 * injectable so the spread can be tested.
 */
export function fullJitterBackoff(spec: BackoffSpec, random: () => number = Math.random): IBackoffFactory<unknown> {
  const generator: GeneratorFn<number> = (attempt = 0, options) => {
    const cap = Math.min(options.maxDelay, options.initialDelay * options.exponent ** attempt);
    return [Math.floor(random() * cap), attempt + 1];
  };
  return new ExponentialBackoff({ generator, initialDelay: spec.initialDelayMs, maxDelay: spec.maxDelayMs, exponent: 2 });
}

/** The first `count` delays a backoff would produce, for tests and the README. */
export function backoffDelays(factory: IBackoffFactory<unknown>, count: number): number[] {
  const out: number[] = [];
  let backoff: IBackoff<unknown> | undefined;
  for (let i = 0; i < count; i++) {
    backoff = backoff ? backoff.next(undefined) : factory.next(undefined);
    out.push(backoff.duration);
  }
  return out;
}
