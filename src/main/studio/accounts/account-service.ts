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
  /** Records of a kind changed in one account's database (local edit or sync), by id. */
  changed: [accountId: string, entity: string, ids: readonly string[]];
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
 * Signs creator accounts in and out and holds a session for every signed-in one: each has its own database,
 * its own keychain entry and its own sync engine, and all of them keep syncing. The active account only
 * chooses what the screens show. Emits `state` on every change the UI shows.
 */
export class AccountService extends EventEmitter<AccountServiceEvents> {
  private readonly sessions = new Map<string, AccountSession>();

  constructor(
    private readonly dataDir: string,
    private readonly registry: AccountRegistry,
    private readonly secrets: SecretStore,
    private readonly sync: SyncSettings = {},
    private readonly localServerUrl: string | null = null,
  ) {
    super();
    // Every open UI subscription (IPC, browser tabs) listens here.
    this.setMaxListeners(100);
  }

  /** The studio's accounts with each one's sync, and the active one. */
  state(): StudioState {
    const activeAccountId = this.registry.activeId();
    return {
      accounts: this.registry.list().map((account) => ({
        ...account,
        sync: this.sessions.get(account.id)?.status() ?? SIGNED_OUT,
      })),
      activeAccountId,
      sync: (activeAccountId && this.sessions.get(activeAccountId)?.status()) || SIGNED_OUT,
      localServerUrl: this.localServerUrl,
    };
  }

  /** Opens every signed-in account's database (migrating it) without touching the network or the keychain. */
  openAll(): void {
    for (const account of this.registry.list()) this.attach(new AccountSession(account, this.dataDir));
  }

  /** Reads each account's token and starts its sync, all in the background. */
  async startSync(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => this.startSessionSync(session)));
  }

  /** A signed-in account's session, or UnknownAccountError. */
  session(accountId: string): AccountSession {
    const session = this.sessions.get(accountId);
    if (!session) throw new UnknownAccountError(accountId);
    return session;
  }

  /** The active account's session, or NoActiveAccountError. */
  active(): AccountSession {
    const id = this.registry.activeId();
    if (!id) throw new NoActiveAccountError();
    return this.session(id);
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
    // Signing in again (a session that ended) starts the account's sync afresh with the new token.
    await this.sessions.get(summary.id)?.close();
    const session = this.attach(new AccountSession(summary, this.dataDir));
    session.startSync(token, this.sync);
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
    const session = this.sessions.get(accountId);
    this.sessions.delete(accountId);
    if (session) {
      session.removeAllListeners();
      await session.close();
    }
    this.registry.remove(accountId);
    this.emitState();
  }

  /** Makes another signed-in account the one the screens show; every account keeps syncing. */
  async switchTo(accountId: string): Promise<void> {
    if (!this.registry.get(accountId)) throw new UnknownAccountError(accountId);
    this.registry.activate(accountId);
    this.emitState();
  }

  /** Stops every account's sync and closes their databases. */
  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    for (const session of sessions) session.removeAllListeners();
    await Promise.all(sessions.map((session) => session.close()));
  }

  private async startSessionSync(session: AccountSession): Promise<void> {
    let token: string | null;
    try {
      token = await this.secrets.get(accountSecretKey(session.account.serverUrl, session.account.id));
    } catch (error) {
      session.cannotSync(error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.sessions.get(session.account.id) !== session) return; // signed out or in again meanwhile
    if (token) session.startSync(token, this.sync);
    else session.cannotSync(NO_TOKEN);
  }

  private attach(session: AccountSession): AccountSession {
    const id = session.account.id;
    this.sessions.set(id, session);
    session.on('status', () => this.emitState());
    session.on('changed', (entity, ids) => this.emit('changed', id, entity, ids));
    return session;
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
