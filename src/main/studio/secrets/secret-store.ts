import { UnavailableError } from '@shared/domain/errors';

/** Where the studio keeps each account's server session token. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  /** Returns whether there was a secret to delete. */
  delete(key: string): Promise<boolean>;
}

/** The key of an account's token: one per server and account. */
export function accountSecretKey(serverUrl: string, accountId: string): string {
  return `${serverUrl}#${accountId}`;
}

/** The OS keychain cannot be reached, so tokens cannot be stored safely. */
export class KeychainUnavailableError extends UnavailableError {
  override readonly name = 'KeychainUnavailableError';

  constructor(cause: unknown, platform: NodeJS.Platform = process.platform) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const fix =
      platform === 'linux'
        ? 'Install and run a Secret Service provider (for example gnome-keyring, or KeePassXC with its Secret Service ' +
          'integration) inside your D-Bus session, unlock it, then sign in again.'
        : platform === 'darwin'
          ? 'Make sure your login keychain is unlocked (Keychain Access), then sign in again.'
          : 'Make sure Windows Credential Manager is available for your user, then sign in again.';
    super(`The studio could not reach the system keychain to store your sign-in (${reason}). ${fix}`, {
      cause,
    });
  }
}

/**
 * The OS keychain module (keytar, an optional native dependency) is not installed or does not load, so tokens
 * cannot be stored safely; says what to install. keytar needs libsecret to build on Linux, and npm still
 * completes the install without it.
 */
export class KeychainModuleMissingError extends UnavailableError {
  override readonly name = 'KeychainModuleMissingError';

  constructor(cause: unknown, platform: NodeJS.Platform = process.platform) {
    const code = (cause as { code?: unknown } | null)?.code;
    const notInstalled = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    const what = notInstalled
      ? 'The OS keychain module (keytar) is not installed'
      : `The OS keychain module (keytar) could not be loaded (${reason})`;
    const fix =
      platform === 'linux'
        ? 'On Debian/Ubuntu install libsecret-1-dev (sudo apt-get install libsecret-1-dev; on Fedora libsecret-devel), ' +
          'then run npm install again and restart the studio.'
        : 'keytar ships prebuilt binaries for macOS and Windows: run npm install again and restart the studio.';
    super(`${what}, so the studio cannot store your sign-in. ${fix}`, { cause });
  }
}
