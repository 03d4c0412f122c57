import type { AuthSpec } from '../../config/types.js';
import { KeyRing } from './key-rotation.js';
import type { AuthContext, AuthProvider, Credential } from './provider.js';

type StaticSpec = Extract<AuthSpec, { type: 'apiKey' | 'bearer' | 'basic' }>;

/** API key (header or query), bearer token or basic auth; keys and tokens may be a list to rotate through on 401/403. */
export class StaticCredentials implements AuthProvider {
  private readonly ring: KeyRing;

  constructor(private readonly spec: StaticSpec) {
    switch (spec.type) {
      case 'apiKey':
        this.ring = new KeyRing(spec.keys, 'key');
        break;
      case 'bearer':
        this.ring = new KeyRing(spec.tokens, 'token');
        break;
      case 'basic':
        this.ring = new KeyRing([Buffer.from(`${spec.username}:${spec.password}`).toString('base64')], 'password');
        break;
    }
  }

  async current(): Promise<Credential> {
    const { index, key } = this.ring.current;
    return this.apply(index, key);
  }

  async rejected(used: Credential, status: number, tried: ReadonlySet<number>, ctx: AuthContext): Promise<Credential | undefined> {
    const next = this.ring.reject(used.id, status, tried, (text) => ctx.notice(text));
    return next ? this.apply(next.index, next.key) : undefined;
  }

  exhausted(): string {
    const n = this.ring.keys.length;
    return n > 1 ? `every one of the ${n} ${this.ring.noun}s was refused` : 'credentials refused';
  }

  secrets(): string[] {
    return [];
  }

  private apply(id: number, key: string): Credential {
    switch (this.spec.type) {
      case 'apiKey':
        return this.spec.in === 'query'
          ? { id, headers: {}, query: { [this.spec.name]: key } }
          : { id, headers: { [this.spec.name]: `${this.spec.prefix}${key}` }, query: {} };
      case 'bearer':
        return { id, headers: { Authorization: `Bearer ${key}` }, query: {} };
      case 'basic':
        return { id, headers: { Authorization: `Basic ${key}` }, query: {} };
    }
  }
}
