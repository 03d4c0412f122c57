import { createHash } from 'node:crypto';
import type { AuthSpec } from '../../config/types.js';
import type { Clock } from '../clock.js';
import { OAuth2Provider } from './oauth2.js';
import type { AuthProvider } from './provider.js';
import { StaticCredentials } from './static-credentials.js';

/**
 * Auth providers by credential: monitors that use the same credential (the same OAuth2 client, the
 * same list of keys) share one provider, hence one cached token and one key in use. Keyed by a
 * hash, so no secret is a map key.
 */
export class CredentialStore {
  private readonly providers = new Map<string, AuthProvider>();

  constructor(private readonly clock: Clock) {}

  providerFor(spec: AuthSpec): AuthProvider {
    const id = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
    let provider = this.providers.get(id);
    if (!provider) {
      provider = spec.type === 'oauth2' ? new OAuth2Provider(spec, this.clock) : new StaticCredentials(spec);
      this.providers.set(id, provider);
    }
    return provider;
  }
}
