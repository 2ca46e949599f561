import type { Kysely } from 'kysely';
import { RateLimitedError, ValidationError } from '@shared/domain/errors';
import { describeWait } from '@shared/domain/wait-text';
import type { Mailer } from '../../adapters/mail/mailer';
import type { Database } from '../../db/schema';
import { logFailure } from '../../logging/error-log';
import type { AccountRepository } from './account-repository';
import { toAccountView, type AccountService, type SignedIn } from './account-service';
import type { AttemptLimiter } from './attempt-limiter';
import { hashPassword } from './password';
import type { PasswordResetRepository } from './password-reset-repository';
import { issueSecretToken, parseSecretToken, secretMatches } from './secret-token';
import type { SessionRepository } from './session-repository';

/** A reset link works this long, and once. */
export const RESET_LINK_LIFETIME_MS = 30 * 60_000;
export const RESET_LINK_REFUSED = 'This reset link has expired or was already used; ask for a new one';

export interface PasswordResetDependencies {
  readonly db: Kysely<Database>;
  readonly accounts: AccountRepository;
  readonly sessions: SessionRepository;
  readonly resets: PasswordResetRepository;
  readonly accountService: AccountService;
  readonly limiter: AttemptLimiter;
  readonly mailer: Mailer;
  /** The fans' address, for the link in the mail (known once the server listens). */
  readonly publicUrl: () => string;
  /** Runs a mail in the background; the server waits for these before it closes. */
  readonly inBackground: (task: Promise<void>) => void;
}

/**
 * Forgotten passwords: a single-use link by mail, valid for 30 minutes; using it sets the new password,
 * ends every session of the account (a thief signed in with the old password is out) and signs the owner in.
 */
export class PasswordResetService {
  constructor(private readonly deps: PasswordResetDependencies) {}

  /** Whether reset mails stay in the development outbox folder (never in production). */
  get mailStaysLocal(): boolean {
    return this.deps.mailer.staysLocal;
  }

  /**
   * Sends a reset link if an account uses `email`. The answer and its timing are the same either way (the
   * mail goes out in the background), so this does not tell who has an account. Limited per email and per
   * address, so it cannot flood a mailbox.
   */
  async request(input: { email: string; ip: string }): Promise<void> {
    const email = input.email.trim().toLowerCase();
    const keys = [`reset-email:${email}`, `reset-ip:${input.ip}`];
    const wait = this.deps.limiter.retryAfterSeconds(keys);
    if (wait > 0) {
      throw new RateLimitedError(`Too many reset requests; try again in ${describeWait(wait)}`, wait);
    }
    this.deps.limiter.record(keys);
    this.deps.inBackground(
      this.#sendLink(email).catch((error: unknown) => logFailure('sending a password-reset mail', error)),
    );
  }

  /** Sets a new password with a reset link's token; BAD_REQUEST when the link is unknown, used or expired. */
  async reset(input: { token: string; password: string; ip: string }): Promise<SignedIn> {
    const keys = [`reset-token-ip:${input.ip}`];
    const wait = this.deps.limiter.retryAfterSeconds(keys);
    if (wait > 0) {
      throw new RateLimitedError(`Too many tries with reset links; try again in ${describeWait(wait)}`, wait);
    }
    const attempt = this.deps.limiter.record(keys);
    const parsed = parseSecretToken(input.token.trim());
    const link = parsed ? await this.deps.resets.find(parsed.id) : undefined;
    const now = new Date();
    if (
      !parsed ||
      !link ||
      !secretMatches(parsed.secret, link.secret_hash) ||
      link.used_at !== null ||
      link.expires_at <= now
    ) {
      throw new ValidationError(RESET_LINK_REFUSED);
    }
    this.deps.limiter.forgive(keys, attempt);
    const passwordHash = await hashPassword(input.password);
    const done = await this.deps.db.transaction().execute(async (trx) => {
      // Claimed in the statement: of two uses at once, one wins and the other is refused.
      if (!(await this.deps.resets.claim(trx, link.id, now))) return null;
      await this.deps.accounts.setPasswordHash(trx, link.account_id, passwordHash);
      await this.deps.resets.expireOthersOf(trx, link.account_id, now);
      const revoked = await this.deps.sessions.revokeAllOf(trx, link.account_id);
      const token = await this.deps.accountService.openSession(trx, link.account_id);
      const account = await this.deps.accounts.findById(trx, link.account_id);
      return { token, account: toAccountView(account!), revoked };
    });
    if (!done) throw new ValidationError(RESET_LINK_REFUSED);
    this.deps.accountService.announceRevoked(done.revoked);
    this.deps.accountService.forgetFailedSignIns(done.account.email);
    return { token: done.token, account: done.account };
  }

  async #sendLink(email: string): Promise<void> {
    const account = await this.deps.accounts.findByEmail(email);
    if (!account) return;
    const issued = issueSecretToken();
    await this.deps.resets.insert({
      id: issued.id,
      account_id: account.id,
      secret_hash: issued.secretHash,
      expires_at: new Date(Date.now() + RESET_LINK_LIFETIME_MS),
    });
    // The token rides in the fragment: browsers send it neither to the server's log nor in a Referer.
    const link = `${this.deps.publicUrl()}/reset-password#token=${issued.token}`;
    await this.deps.mailer.send({
      to: account.email,
      subject: 'Choose a new Mesi password',
      text: [
        `Hello ${account.display_name},`,
        '',
        'Someone (we hope you) asked to choose a new password for your Mesi account. Open this link within',
        '30 minutes to choose one; it works once:',
        '',
        link,
        '',
        'Choosing a new password signs you out everywhere else.',
        'If you did not ask for this, ignore this mail: your password stays as it is.',
      ].join('\n'),
    });
  }
}
