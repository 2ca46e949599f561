import type { Kysely } from 'kysely';
import { newId } from '@shared/domain/ids';
import { ConflictError, RateLimitedError, UnauthenticatedError } from '@shared/domain/errors';
import type { AccountRole } from '@shared/domain/accounts/account-fields';
import { isUniqueViolation } from '../../db/postgres-errors';
import type { AccountRow, Database } from '../../db/schema';
import type { AccountRepository } from './account-repository';
import type { SessionRepository } from './session-repository';

import { hashPassword, verifyPassword } from './password';
import { describeWait } from '@shared/domain/wait-text';
import type { Queryable } from '../../db/queryable';
import { issueSecretToken, parseSecretToken, secretMatches } from './secret-token';
import type { AttemptLimiter } from './attempt-limiter';
import type { PubSub } from '../../adapters/pubsub';

/** An account as its owner sees it. */
export interface AccountView {
  readonly id: string;
  readonly email: string;
  readonly handle: string | null;
  readonly displayName: string;
  readonly role: AccountRole;
}

/** A signed-in caller. */
export interface AuthSession {
  readonly sessionId: string;
  readonly account: AccountView;
}

export interface SignUpInput {
  /** Where the request came from: sign-ups are limited per address. */
  readonly ip: string;
  readonly email: string;
  readonly password: string;
  readonly role: AccountRole;
  readonly handle?: string | undefined;
  readonly displayName: string;
}

export interface SignedIn {
  readonly token: string;
  readonly account: AccountView;
}

const WRONG_CREDENTIALS = 'Wrong email or password';
// Touch last_seen_at at most this often, so authenticating a request is usually a read only.
const LAST_SEEN_RESOLUTION_MS = 60_000;
const DAY_MS = 24 * 60 * 60_000;
/** A session unused this long has ended (a studio in daily use stays signed in). */
export const SESSION_IDLE_LIMIT_MS = 30 * DAY_MS;
/** A session older than this has ended however often it is used: a copied token does not live for ever. */
export const SESSION_AGE_LIMIT_MS = 365 * DAY_MS;

export function toAccountView(row: Pick<AccountRow, 'id' | 'email' | 'handle' | 'display_name' | 'role'>) {
  return {
    id: row.id,
    email: row.email,
    handle: row.handle,
    displayName: row.display_name,
    role: row.role,
  } satisfies AccountView;
}

const revokedChannel = (sessionId: string) => `sessions:revoked:${sessionId}`;

export class AccountService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly limiter: AttemptLimiter,
    private readonly pubsub: PubSub,
  ) {}

  /** Creates an account and a session for it; CONFLICT when the email or handle is taken. */
  async signUp(input: SignUpInput): Promise<SignedIn> {
    // Each sign-up costs an argon2 hash and tells whether an email is taken: limited per address, counted
    // before the hash so that a batch of parallel sign-ups meets the limit one by one.
    const keys = [`signup-ip:${input.ip}`];
    const wait = this.limiter.retryAfterSeconds(keys);
    if (wait > 0) {
      throw new RateLimitedError(
        `Too many new accounts from your network; try again in ${describeWait(wait)}`,
        wait,
      );
    }
    this.limiter.record(keys);
    const passwordHash = await hashPassword(input.password);
    const id = newId();
    try {
      const row = await this.db.transaction().execute(async (trx) => {
        const account = await this.accounts.insert(trx, {
          id,
          email: input.email.trim().toLowerCase(),
          handle: input.handle ? input.handle.toLowerCase() : null,
          display_name: input.displayName,
          role: input.role,
          password_hash: passwordHash,
        });
        const token = await this.openSession(trx, id);
        return { token, account };
      });
      return { token: row.token, account: toAccountView(row.account) };
    } catch (err) {
      if (isUniqueViolation(err, 'email'))
        throw new ConflictError(
          'An account with this email already exists: sign in, or reset your password if you forgot it',
        );
      if (isUniqueViolation(err, 'handle')) throw new ConflictError('This handle is taken');
      throw err;
    }
  }

  /**
   * Checks the password and opens a session. The same error for an unknown email and a wrong password,
   * in about the same time; repeated failures per email and per IP are refused for a while.
   */
  async signIn(input: { email: string; password: string; ip: string }): Promise<SignedIn> {
    const email = input.email.trim().toLowerCase();
    const keys = [`signin-email:${email}`, `signin-ip:${input.ip}`];
    const wait = this.limiter.retryAfterSeconds(keys);
    if (wait > 0) {
      throw new RateLimitedError(`Too many failed sign-ins; try again in ${describeWait(wait)}`, wait);
    }
    // Counted as failed until proven otherwise: checked and counted with no await in between, so parallel
    // or batched attempts meet the limit one by one.
    const attempt = this.limiter.record(keys);
    const row = await this.accounts.findByEmail(email);
    const ok = await verifyPassword(row?.password_hash ?? null, input.password);
    if (!row || !ok) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    this.limiter.forgive(keys, attempt);
    this.limiter.reset(`signin-email:${email}`);
    const token = await this.openSession(this.db, row.id);
    return { token, account: toAccountView(row) };
  }

  /** Opens a session for an account and returns its bearer token. */
  async openSession(trx: Queryable, accountId: string): Promise<string> {
    const issued = issueSecretToken();
    await this.sessions.insert(trx, { id: issued.id, account_id: accountId, secret_hash: issued.secretHash });
    return issued.token;
  }

  /**
   * Revokes a session; its token is refused from now on, and its open subscriptions end (they listen for
   * the revocation through the pubsub adapter, so this holds across server instances once that is shared).
   */
  async signOut(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.announceRevoked([sessionId]);
  }

  /** Tells the open subscriptions of sessions revoked (and committed) elsewhere that they have ended. */
  announceRevoked(sessionIds: readonly string[]): void {
    for (const sessionId of sessionIds) this.pubsub.publish(revokedChannel(sessionId), { sessionId });
  }

  /** Clears the failed sign-ins of an email (its password was just reset by its owner). */
  forgetFailedSignIns(email: string): void {
    this.limiter.reset(`signin-email:${email}`);
  }

  /** Calls `listener` once the session is revoked; returns an unsubscribe. */
  onRevoked(sessionId: string, listener: () => void): () => void {
    return this.pubsub.subscribe(revokedChannel(sessionId), () => listener());
  }

  /** Resolves once `onRevoked` listeners of the session hear every later revocation (over Redis, a round trip). */
  async listeningForRevocation(sessionId: string): Promise<void> {
    await this.pubsub.ready?.(revokedChannel(sessionId));
  }

  /** Whether the session still stands (not revoked, not gone). For contexts that outlive one request. */
  async isActive(sessionId: string): Promise<boolean> {
    const row = await this.sessions.findLifetime(sessionId);
    return (
      row !== undefined &&
      row.revoked_at === null &&
      Date.now() - row.created_at.getTime() <= SESSION_AGE_LIMIT_MS
    );
  }

  /** The session a token belongs to, or null when it is unknown, forged, revoked or expired. */
  async authenticate(token: string): Promise<AuthSession | null> {
    const parsed = parseSecretToken(token);
    if (!parsed) return null;
    const row = await this.sessions.findWithAccount(parsed.id);
    if (!row || row.revoked_at !== null || !secretMatches(parsed.secret, row.secret_hash)) return null;
    const now = Date.now();
    const idle = now - row.last_seen_at.getTime();
    if (idle > SESSION_IDLE_LIMIT_MS || now - row.session_created_at.getTime() > SESSION_AGE_LIMIT_MS) {
      return null;
    }
    if (idle > LAST_SEEN_RESOLUTION_MS) await this.sessions.touch(row.session_id);
    return { sessionId: row.session_id, account: toAccountView(row) };
  }
}
