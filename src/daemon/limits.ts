import { Semaphore } from './semaphore.js';

export interface LimitOptions {
  /** Runs in flight at once in this replica. */
  global: number;
  /** Runs in flight at once against one host (`host:port`) in this replica. */
  perHost: number;
}

/**
 * Bounds concurrent runs globally and per vendor host. A run waits for its host's slot first and
 * only then for a global one, so runs against a saturated host never hold global slots idle.
 */
export class ConcurrencyLimits {
  private readonly global: Semaphore;
  private readonly hosts = new Map<string, Semaphore>();

  constructor(private readonly options: LimitOptions) {
    this.global = new Semaphore(options.global);
    new Semaphore(options.perHost); // validates the setting at start-up
  }

  async run<T>(host: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    let hostSlots = this.hosts.get(host);
    if (!hostSlots) {
      hostSlots = new Semaphore(this.options.perHost);
      this.hosts.set(host, hostSlots);
    }
    const releaseHost = await hostSlots.acquire(signal);
    try {
      const releaseGlobal = await this.global.acquire(signal);
      try {
        return await work();
      } finally {
        releaseGlobal();
      }
    } finally {
      releaseHost();
      if (hostSlots.inUse === 0 && hostSlots.waiting === 0) this.hosts.delete(host);
    }
  }

  get active(): number {
    return this.global.inUse;
  }
}
