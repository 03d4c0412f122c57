import { CredentialStore } from './auth/credential-store.js';
import { systemClock, type Clock } from './clock.js';
import { HostPolicies } from './host-policies.js';

/**
 * What probes in one process share: per-host limits and breakers, cached tokens and keys in use,
 * and the clock and randomness they run on (both injectable for tests).
 */
export interface ProbeRuntime {
  clock: Clock;
  /** Uniform in [0, 1): the jitter of backoff delays. */
  random: () => number;
  hosts: HostPolicies;
  credentials: CredentialStore;
}

export function createProbeRuntime(options: { clock?: Clock; random?: () => number } = {}): ProbeRuntime {
  const clock = options.clock ?? systemClock;
  return { clock, random: options.random ?? Math.random, hosts: new HostPolicies(clock), credentials: new CredentialStore(clock) };
}

let processRuntime: ProbeRuntime | undefined;

/** The runtime of this process, used when a caller passes none: one bucket and breaker per host for every monitor. */
export function defaultProbeRuntime(): ProbeRuntime {
  processRuntime ??= createProbeRuntime();
  return processRuntime;
}
