import { createStudio, type Studio } from '../services';
import type { SecretStore } from '../secrets/secret-store';
import { TestOnlyMemorySecretStore } from '../secrets/test-only-memory-secret-store';
import type { ServerFetch } from '../sync/server-client';
import type { SyncSettings } from '../accounts/account-session';

type StudioCaller = ReturnType<Studio['router']['createCaller']>;

/** `Omit` over each member of a union (plain `Omit` keeps only the keys every member shares). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A router slice's procedures with `accountId` filled in. */
type BoundToAccount<T> = {
  [K in keyof T]: T[K] extends (input: infer I) => infer R
    ? Record<never, never> extends OmitEach<I, 'accountId'>
      ? (input?: OmitEach<I, 'accountId'>) => R
      : (input: OmitEach<I, 'accountId'>) => R
    : never;
};

export interface TestStudio {
  readonly studio: Studio;
  /** The studio router, called in process as the renderer would over IPC. */
  readonly api: StudioCaller;
  /** `posts.*` of the active account (the renderer passes the account it shows; tests mostly use one). */
  readonly posts: BoundToAccount<StudioCaller['posts']>;
  /** `profile.*` of the active account. */
  readonly profile: BoundToAccount<StudioCaller['profile']>;
  /** `sync.now` for the active account. */
  syncNow(): Promise<unknown>;
  readonly secrets: SecretStore;
}

/** A slice whose calls go to one account: the active one at the time of the call, or `accountId`. */
export function boundToAccount<T extends object>(slice: T, accountId: () => string): BoundToAccount<T> {
  return new Proxy({} as BoundToAccount<T>, {
    get:
      (_target, name) =>
      (input: object = {}) =>
        (slice as Record<PropertyKey, (input: object) => unknown>)[name]!({
          ...input,
          accountId: accountId(),
        }),
  });
}

/** A studio on a real data folder, with quick retries; pass the same `secrets` to reopen it after a restart. */
export async function openTestStudio(
  dataDir: string,
  opts: {
    secrets?: SecretStore;
    fetch?: ServerFetch;
    sync?: Omit<SyncSettings, 'fetch'>;
    localServerUrl?: string;
  } = {},
): Promise<TestStudio> {
  const secrets = opts.secrets ?? new TestOnlyMemorySecretStore();
  const studio = await createStudio({
    dataDir,
    secretStore: secrets,
    serverFetch: opts.fetch,
    ...(opts.localServerUrl === undefined ? {} : { localServerUrl: opts.localServerUrl }),
    sync: { backoff: { baseMs: 50, capMs: 500 }, ...opts.sync },
  });
  const api = studio.router.createCaller(studio.createContext());
  const active = () => {
    const id = studio.state().activeAccountId;
    if (!id) throw new Error('No account is signed in to this test studio');
    return id;
  };
  return {
    studio,
    api,
    posts: boundToAccount(api.posts, active),
    profile: boundToAccount(api.profile, active),
    syncNow: () => api.sync.now({ accountId: active() }),
    secrets,
  };
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
