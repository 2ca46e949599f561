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
