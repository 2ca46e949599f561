import type { SecretStore } from './secret-store';

/** Secrets in memory, for tests only: refuses to exist in production, where tokens belong in the keychain. */
export class TestOnlyMemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  constructor() {
    if (process.env.NODE_ENV === 'production') {
      throw new Error('TestOnlyMemorySecretStore must not be used in production: use KeytarSecretStore.');
    }
  }

  async get(key: string): Promise<string | null> {
    return this.secrets.get(key) ?? null;
  }

  async set(key: string, secret: string): Promise<void> {
    this.secrets.set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    return this.secrets.delete(key);
  }
}
