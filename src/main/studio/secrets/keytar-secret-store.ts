import { KeychainModuleMissingError, KeychainUnavailableError, type SecretStore } from './secret-store';

/** What the studio uses of keytar (an optional dependency: its types may be missing too). */
export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Mesi Studio';

// Not a literal in `import()`: keytar is optional, so neither the type checker nor the bundler may require it
// to be installed; Node resolves it from node_modules at run time.
const KEYTAR_MODULE = 'keytar';

/** Loads keytar; a failure means it is not installed (it needs libsecret to build on Linux) or does not load. */
export const loadKeytar = (): Promise<unknown> => import(/* @vite-ignore */ KEYTAR_MODULE);

/** Tokens in the OS keychain (Keychain, Credential Manager, Secret Service) through keytar. */
export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<Keytar> | null = null;

  /** `load` is for tests: a module loader standing in for keytar's. */
  constructor(
    private readonly service: string = KEYCHAIN_SERVICE,
    private readonly load: () => Promise<unknown> = loadKeytar,
  ) {}

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
      this.keytar ??= this.load().then((m) => (m as { default?: Keytar }).default ?? (m as Keytar));
      keytar = await this.keytar;
    } catch (cause) {
      this.keytar = null; // installed meanwhile: the next call tries again
      throw new KeychainModuleMissingError(cause);
    }
    try {
      return await run(keytar);
    } catch (cause) {
      throw new KeychainUnavailableError(cause);
    }
  }
}
