import type * as KeytarModule from 'keytar';
import { KeychainUnavailableError, type SecretStore } from './secret-store';

type Keytar = typeof KeytarModule;

export const KEYCHAIN_SERVICE = 'Mesi Studio';

/** Tokens in the OS keychain (Keychain, Credential Manager, Secret Service) through keytar. */
export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<Keytar> | null = null;

  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  async get(key: string): Promise<string | null> {
    return this.call((keytar) => keytar.getPassword(this.service, key));
  }

  async set(key: string, secret: string): Promise<void> {
    await this.call((keytar) => keytar.setPassword(this.service, key, secret));
  }

  async delete(key: string): Promise<boolean> {
    return this.call((keytar) => keytar.deletePassword(this.service, key));
  }

  // keytar is a native module: load it only when a secret is first needed, so start-up stays fast.
  private async call<T>(run: (keytar: Keytar) => Promise<T>): Promise<T> {
    let keytar: Keytar;
    try {
      this.keytar ??= import('keytar').then((m) => (m as { default?: Keytar }).default ?? m);
      keytar = await this.keytar;
    } catch (cause) {
      this.keytar = null;
      throw new KeychainUnavailableError(cause);
    }
    try {
      return await run(keytar);
    } catch (cause) {
      throw new KeychainUnavailableError(cause);
    }
  }
}
