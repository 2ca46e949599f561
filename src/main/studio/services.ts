import { join } from 'node:path';
import type { StudioState } from '@shared/domain/sync/status';
import { AccountRegistry } from './accounts/account-registry';
import { AccountService } from './accounts/account-service';
import { followLocalServer } from './accounts/local-server';
import { openDatabase } from './db/connection';
import { studioMigrations } from './db/migrations/studio';
import { createStudioRouter, type StudioContext, type StudioRouter } from './router';
import type { SecretStore } from './secrets/secret-store';
import type { SyncSettings } from './accounts/account-session';
import type { ServerFetch } from './sync/server-client';

export interface StudioOptions {
  /** The app's data folder: `studio.sqlite` and `accounts/<accountId>.sqlite` live here. */
  readonly dataDir: string;
  readonly secretStore: SecretStore;
  /** The fetch used to call servers (defaults to the global one). */
  readonly serverFetch?: ServerFetch;
  /** Sync tuning: retry timing, batch and page sizes (tests shorten them). */
  readonly sync?: Omit<SyncSettings, 'fetch'>;
  /**
   * The server `npm start` started beside this studio on the same data folder (development only): accounts
   * signed in to its previous address follow it to this one (`followLocalServer`).
   */
  readonly localServerUrl?: string;
}

export interface Studio {
  readonly router: StudioRouter;
  createContext(): StudioContext;
  state(): StudioState;
  /** Stops sync and closes every database file. */
  close(): Promise<void>;
}

/**
 * Opens the studio: `studio.sqlite` and every signed-in account's database, all migrated. Resolves as soon as
 * the local data is usable; reading the tokens and connecting to the servers start afterwards in the background.
 */
export async function createStudio(options: StudioOptions): Promise<Studio> {
  const studioDb = openDatabase(join(options.dataDir, 'studio.sqlite'), studioMigrations);
  const registry = new AccountRegistry(studioDb);
  const localServerUrl = options.localServerUrl?.replace(/\/+$/, '') ?? null;
  const accounts = new AccountService(
    options.dataDir,
    registry,
    options.secretStore,
    { ...options.sync, fetch: options.serverFetch },
    localServerUrl,
  );
  try {
    if (localServerUrl !== null) {
      await followLocalServer({
        db: studioDb,
        registry,
        secrets: options.secretStore,
        url: localServerUrl,
      }).catch(
        // A locked keychain: the accounts stay where they were, and the next start tries again.
        (error: unknown) =>
          console.warn('Mesi Studio: could not follow the local server to its new address', error),
      );
    }
    accounts.openAll();
  } catch (error) {
    studioDb.close();
    throw error;
  }
  const router = createStudioRouter();
  const context: StudioContext = { accounts };
  let closed = false;
  // Not awaited: the window shows local data while the keychain loads and the server answers.
  const starting = setImmediate(() => void accounts.startSync());
  return {
    router,
    createContext: () => context,
    state: () => accounts.state(),
    async close() {
      if (closed) return;
      closed = true;
      clearImmediate(starting);
      await accounts.close();
      accounts.removeAllListeners();
      studioDb.close();
    },
  };
}
