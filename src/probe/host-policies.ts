import { BulkheadPolicy, bulkhead } from 'cockatiel';
import { DEFAULT_CIRCUIT_BREAKER, DEFAULT_RATE_LIMIT, type CircuitBreakerSpec, type RateLimitSpec } from '../config/types.js';
import { HostBreaker } from './circuit-breaker.js';
import type { Clock } from './clock.js';
import { TokenBucket } from './token-bucket.js';

/** What one monitor asks of its host's shared limits. */
export interface HostSettings {
  rateLimit?: RateLimitSpec | undefined;
  circuitBreaker?: CircuitBreakerSpec | undefined;
}

/** The policies every monitor of one host shares in this process. */
export interface HostPolicy {
  host: string;
  /** Probes in flight at once (cockatiel bulkhead); more wait in its queue. */
  bulkhead: BulkheadPolicy;
  breaker: HostBreaker;
  /** Request starts per second (every attempt takes a slot). */
  bucket: TokenBucket;
  limits: Required<RateLimitSpec> & Required<CircuitBreakerSpec>;
}

/** Probes that may wait for a bulkhead slot of one host before one is turned away. */
export const BULKHEAD_QUEUE = 10_000;

/** `host[:port]` of a URL, the unit limits are shared by. */
export function hostKey(url: string): string {
  return new URL(url).host;
}

function lowest(values: (number | undefined)[], fallback: number): number {
  const set = values.filter((v): v is number => v !== undefined);
  return set.length === 0 ? fallback : Math.min(...set);
}

/**
 * The per-host registry: one token bucket, one circuit breaker and one bulkhead per host, shared by
 * every monitor of that host, so that a hundred monitors on one vendor stay within one limit.
 * When monitors of a host set different limits, the lowest wins. Register monitors with
 * `configure` before probing; a host's breaker and bulkhead are fixed when it is first probed
 * (its bucket follows later registrations).
 */
export class HostPolicies {
  private readonly requests = new Map<string, Map<string, HostSettings>>();
  private readonly policies = new Map<string, HostPolicy>();

  constructor(private readonly clock: Clock) {}

  /** Registers what a monitor asks of its host. */
  register(url: string, who: string, settings: HostSettings): void {
    const host = hostKey(url);
    let byMonitor = this.requests.get(host);
    if (!byMonitor) this.requests.set(host, (byMonitor = new Map()));
    byMonitor.set(who, settings);
    const built = this.policies.get(host);
    if (built) {
      const limits = this.limitsOf(host);
      built.bucket.configure(limits);
      built.limits.rps = limits.rps;
      built.limits.burst = limits.burst;
    }
  }

  configure(monitors: Iterable<{ name: string; request: { url: string }; rateLimit?: RateLimitSpec; circuitBreaker?: CircuitBreakerSpec }>): void {
    for (const m of monitors) this.register(m.request.url, m.name, { rateLimit: m.rateLimit, circuitBreaker: m.circuitBreaker });
  }

  /** The policies of the host of `url`, built on first use. */
  for(url: string): HostPolicy {
    const host = hostKey(url);
    let policy = this.policies.get(host);
    if (!policy) {
      const limits = this.limitsOf(host);
      policy = {
        host,
        bulkhead: bulkhead(limits.concurrency, BULKHEAD_QUEUE),
        breaker: new HostBreaker(host, limits),
        bucket: new TokenBucket(limits, this.clock),
        limits,
      };
      this.policies.set(host, policy);
    }
    return policy;
  }

  limitsOf(host: string): Required<RateLimitSpec> & Required<CircuitBreakerSpec> {
    const settings = [...(this.requests.get(host)?.values() ?? [])];
    return {
      rps: lowest(settings.map((s) => s.rateLimit?.rps), DEFAULT_RATE_LIMIT.rps),
      burst: lowest(settings.map((s) => s.rateLimit?.burst), DEFAULT_RATE_LIMIT.burst),
      concurrency: lowest(settings.map((s) => s.rateLimit?.concurrency), DEFAULT_RATE_LIMIT.concurrency),
      threshold: lowest(settings.map((s) => s.circuitBreaker?.threshold), DEFAULT_CIRCUIT_BREAKER.threshold),
      halfOpenAfterMs: lowest(settings.map((s) => s.circuitBreaker?.halfOpenAfterMs), DEFAULT_CIRCUIT_BREAKER.halfOpenAfterMs),
    };
  }
}
