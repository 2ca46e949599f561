import { EventEmitter } from 'node:events';
import { TRPCClientError } from '@trpc/client';
import type { AccountSummary, StudioState, SyncStatus } from '@shared/domain/sync/status';
import type { AccountRegistry } from './account-registry';
import {
  NoActiveAccountError,
  NotCreatorError,
  SignInFailedError,
  UnknownAccountError,
} from './account-errors';
import { AccountSession, type SyncSettings } from './account-session';
import { accountSecretKey, type SecretStore } from '../secrets/secret-store';
import { createServerClient } from '../sync/server-client';

interface AccountServiceEvents {
  state: [StudioState];
  /** The active account's posts changed (local edit, pull, or another account became active). */
  postsChanged: [number];
}

const SIGNED_OUT: SyncStatus = {
  state: 'signed-out',
  serverUrl: null,
  pending: 0,
  lastSyncedAt: null,
  lastError: null,
};
const NO_TOKEN = 'This computer has no sign-in for this account — sign in again';

/**
 * Signs creator accounts in and out, switches the active one, and owns the active account's session.
 * Emits `state` on every change the UI shows.
 */
export class AccountService extends EventEmitter<AccountServiceEvents> {
  private session: AccountSession | null = null;
  private revision = 0;

  constructor(
    private readonly dataDir: string,
    private readonly registry: AccountRegistry,
    private readonly secrets: SecretStore,
    private readonly sync: SyncSettings = {},
  ) {
    super();
    // Every open UI subscription (IPC, browser tabs) listens here.
    this.setMaxListeners(100);
  }

  /** The studio's accounts, the active one and its sync status. */
  state(): StudioState {
    return {
      accounts: this.registry.list(),
      activeAccountId: this.session?.account.id ?? null,
      sync: this.session?.status() ?? SIGNED_OUT,
    };
  }

  /** Opens the active account's database (migrating it) without touching the network or the keychain. */
  openActive(): void {
    const id = this.registry.activeId();
    const account = id ? this.registry.get(id) : null;
    if (account) this.attach(new AccountSession(account, this.dataDir));
  }

  /** Reads the active account's token and starts its sync in the background. */
  async startSync(): Promise<void> {
    const session = this.session;
    if (!session) return;
    let token: string | null;
    try {
      token = await this.secrets.get(accountSecretKey(session.account.serverUrl, session.account.id));
    } catch (error) {
      session.cannotSync(error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.session !== session) return;
    if (token) session.startSync(token, this.sync);
    else session.cannotSync(NO_TOKEN);
  }

  /** The active account's session, or NoActiveAccountError. */
  active(): AccountSession {
    if (!this.session) throw new NoActiveAccountError();
    return this.session;
  }

  /** Signs in to a server as a creator or manager; the account becomes the active one and starts syncing. */
  async signIn(input: { serverUrl: string; email: string; password: string }): Promise<AccountSummary> {
    const serverUrl = input.serverUrl.replace(/\/+$/, '');
    const client = createServerClient({ serverUrl, fetch: this.sync.fetch });
    let result: Awaited<ReturnType<typeof client.accounts.signIn.mutate>>;
    try {
      result = await client.accounts.signIn.mutate({ email: input.email, password: input.password });
    } catch (error) {
      throw signInError(error, serverUrl);
    }
    const { token, account } = result;
    if (account.role !== 'creator' && account.role !== 'manager') {
      await this.revoke(serverUrl, token);
      throw new NotCreatorError();
    }
    const summary: AccountSummary = {
      id: account.id,
      serverUrl,
      email: account.email,
      handle: account.handle,
      displayName: account.displayName,
      role: account.role,
    };
    try {
      await this.secrets.set(accountSecretKey(serverUrl, summary.id), token);
    } catch (error) {
      await this.revoke(serverUrl, token);
      throw error;
    }
    this.registry.saveAndActivate(summary);
    await this.replaceSession(summary);
    this.session?.startSync(token, this.sync);
    this.emitState();
    return summary;
  }

  /** Signs an account out: revokes its session on the server if reachable, forgets its token, keeps its file. */
  async signOut(accountId: string): Promise<void> {
    const account = this.registry.get(accountId);
    if (!account) throw new UnknownAccountError(accountId);
    const key = accountSecretKey(account.serverUrl, account.id);
    const token = await this.secrets.get(key).catch(() => null);
    if (token) await this.revoke(account.serverUrl, token);
    await this.secrets.delete(key).catch(() => false); // the server revoked it anyway
    const wasActive = this.session?.account.id === accountId;
    const next = this.registry.remove(accountId);
    if (wasActive) {
      const nextAccount = next ? this.registry.get(next) : null;
      await this.replaceSession(nextAccount);
      if (nextAccount) void this.startSync();
    }
    this.emitState();
  }

  /** Makes another signed-in account the active one. */
  async switchTo(accountId: string): Promise<void> {
    const account = this.registry.get(accountId);
    if (!account) throw new UnknownAccountError(accountId);
    this.registry.activate(accountId);
    if (this.session?.account.id !== accountId) {
      await this.replaceSession(account);
      void this.startSync();
    }
    this.emitState();
  }

  /** Stops sync and closes the active account's database. */
  async close(): Promise<void> {
    await this.replaceSession(null);
  }

  private async replaceSession(account: AccountSummary | null): Promise<void> {
    const previous = this.session;
    this.session = null;
    if (previous) {
      previous.removeAllListeners();
      await previous.close();
    }
    if (account) this.attach(new AccountSession(account, this.dataDir));
    this.postsChanged();
  }

  /** Grows by one on every change to the active account's posts, so the UI knows to reload. */
  postsRevision(): number {
    return this.revision;
  }

  private postsChanged(): void {
    this.revision += 1;
    this.emit('postsChanged', this.revision);
  }

  private attach(session: AccountSession): void {
    this.session = session;
    session.on('status', () => this.emitState());
    session.on('postsChanged', () => this.postsChanged());
  }

  private emitState(): void {
    this.emit('state', this.state());
  }

  private async revoke(serverUrl: string, token: string): Promise<void> {
    try {
      await createServerClient({
        serverUrl,
        token,
        fetch: this.sync.fetch,
        timeoutMs: 5_000,
      }).accounts.signOut.mutate();
    } catch {
      // Best effort: an unreachable server lets the session expire on its own.
    }
  }
}

function signInError(error: unknown, serverUrl: string): SignInFailedError {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code ?? null;
    if (!code)
      return new SignInFailedError(`Could not reach the server at ${serverUrl}: ${causeOf(error)}`, null);
    return new SignInFailedError(error.message, code);
  }
  return new SignInFailedError(error instanceof Error ? error.message : String(error), null);
}

function causeOf(error: TRPCClientError<never>): string {
  return error.cause instanceof Error ? error.cause.message : error.message;
}
