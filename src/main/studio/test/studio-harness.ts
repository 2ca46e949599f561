import { createStudio, type Studio } from '../services';
import type { SecretStore } from '../secrets/secret-store';
import { TestOnlyMemorySecretStore } from '../secrets/test-only-memory-secret-store';
import type { ServerFetch } from '../sync/server-client';
import type { SyncSettings } from '../accounts/account-session';

export interface TestStudio {
  readonly studio: Studio;
  /** The studio router, called in process as the renderer would over IPC. */
  readonly api: ReturnType<Studio['router']['createCaller']>;
  readonly secrets: SecretStore;
}

/** A studio on a real data folder, with quick retries; pass the same `secrets` to reopen it after a restart. */
export async function openTestStudio(
  dataDir: string,
  opts: { secrets?: SecretStore; fetch?: ServerFetch; sync?: Omit<SyncSettings, 'fetch'> } = {},
): Promise<TestStudio> {
  const secrets = opts.secrets ?? new TestOnlyMemorySecretStore();
  const studio = await createStudio({
    dataDir,
    secretStore: secrets,
    serverFetch: opts.fetch,
    sync: { backoff: { baseMs: 50, capMs: 500 }, ...opts.sync },
  });
  return { studio, api: studio.router.createCaller(studio.createContext()), secrets };
}

/** Polls until `check` returns a truthy value, or fails saying what it waited for. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
