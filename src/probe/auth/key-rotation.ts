/**
 * A list of keys (API keys or bearer tokens) of which one is in use. When the vendor refuses the key
 * in use, the ring moves to the next one, for every probe that shares it: the key that works is
 * remembered for the rest of the process. Keys are named by position only, never by value.
 */
export class KeyRing {
  private index = 0;

  constructor(
    readonly keys: readonly string[],
    /** "key" or "token", for messages. */
    readonly noun: string,
  ) {}

  get current(): { index: number; key: string } {
    return { index: this.index, key: this.keys[this.index]! };
  }

  /**
   * The key at `index` was refused. Moves on from it unless another probe already has, and says
   * so. Returns undefined when every key has been tried by this probe.
   */
  reject(index: number, status: number, tried: ReadonlySet<number>, notice: (text: string) => void): { index: number; key: string } | undefined {
    if (this.index === index && this.keys.length > 1) {
      this.index = (index + 1) % this.keys.length;
      notice(`${this.noun} ${index + 1} of ${this.keys.length} was refused (HTTP ${status}); now using ${this.noun} ${this.index + 1}`);
    }
    return tried.has(this.index) ? undefined : this.current;
  }
}
