import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SmtpMailer } from '../adapters/mail/smtp-mailer';
import { DEFAULT_ATTEMPT_RULES, InMemoryAttemptLimiter } from '../services/accounts/attempt-limiter';
import { mailCount, readOutbox, resetTokenIn, waitForMail } from '../test/mail-outbox';
import { codeOf, cookieParts, PASSWORD, signUp, startTestServer, type TestServer } from '../test/test-server';

let server: TestServer;
const NEW_PASSWORD = 'a brand new passphrase';

beforeAll(async () => {
  server = await startTestServer({ config: { publicUrl: 'https://fans.example' } });
});
afterAll(() => server.close());

/** Signs an account up, asks for a reset link and returns the token from the mail. */
async function askForLink(email: string): Promise<string> {
  const before = await mailCount(server.mailOutbox, email);
  await expect(server.client().accounts.requestPasswordReset.mutate({ email })).resolves.toEqual({
    sent: true,
    developmentOutbox: true,
  });
  // This request's own mail, not an earlier link's still the latest while this one is being sent.
  return resetTokenIn(await waitForMail(server.mailOutbox, email, 10_000, before));
}

describe('password reset', () => {
  it('mails a single-use link under PUBLIC_URL to an existing account, and nothing for an unknown email', async () => {
    const before = (await readOutbox(server.mailOutbox)).length;
    const unknown = await server
      .client()
      .accounts.requestPasswordReset.mutate({ email: 'nobody@example.test' });
    expect(unknown).toEqual({ sent: true, developmentOutbox: true });
    const { account } = await signUp(server, 'fan');
    await server.client().accounts.requestPasswordReset.mutate({ email: account.email.toUpperCase() });
    const mail = await waitForMail(server.mailOutbox, account.email);
    expect(mail.subject).toBe('Choose a new Mesi password');
    expect(mail.text).toMatch(
      /https:\/\/fans\.example\/reset-password#token=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}\s/,
    );
    expect((await readOutbox(server.mailOutbox)).length).toBe(before + 1);
    // Only a hash of the secret is stored.
    const row = await server.db
      .selectFrom('password_resets')
      .selectAll()
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(resetTokenIn(mail)).not.toContain(row.secret_hash);
  });

  it('sets the new password, ends every other session, signs in with a cookie, and works once', async () => {
    const { account, token: oldToken, client: oldClient } = await signUp(server, 'creator');
    const resetToken = await askForLink(account.email);
    const response = await fetch(`${server.url}/trpc/accounts.resetPassword`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(server.url).origin },
      body: JSON.stringify({ token: resetToken, password: NEW_PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(cookieParts(response.headers.get('set-cookie')).name).toBe('mesi_session');
    const { result } = (await response.json()) as {
      result: { data: { token: string; account: { id: string } } };
    };
    expect(result.data.account.id).toBe(account.id);
    expect(await server.client(result.data.token).accounts.me.query()).toMatchObject({ id: account.id });
    // The session opened before the reset is over; the old password no longer works, the new one does.
    expect(await oldClient.accounts.me.query()).toBeNull();
    expect(oldToken).not.toBe(result.data.token);
    const signIn = (password: string) =>
      server.client().accounts.signIn.mutate({ email: account.email, password }).catch(codeOf);
    await expect(signIn(PASSWORD)).resolves.toBe('UNAUTHORIZED');
    await expect(signIn(NEW_PASSWORD)).resolves.toMatchObject({ account: { id: account.id } });
    // Used once: the same link is refused, with what to do.
    const again = await server
      .client()
      .accounts.resetPassword.mutate({ token: resetToken, password: 'yet another passphrase' })
      .catch((e: unknown) => e);
    expect(codeOf(again)).toBe('BAD_REQUEST');
    expect((again as Error).message).toBe(
      'This reset link has expired or was already used; ask for a new one',
    );
  });

  it('ends a live subscription of a session the reset revoked', async () => {
    const { account, client } = await signUp(server, 'creator');
    let subscribed: () => void = () => undefined;
    const listening = new Promise<void>((resolve) => (subscribed = resolve));
    const ended = new Promise<unknown>((resolve) => {
      const subscription = client.sync.onChange.subscribe(undefined, {
        onData: () => subscribed(),
        onError: (error) => {
          subscription.unsubscribe();
          resolve(error);
        },
      });
    });
    await listening;
    const resetToken = await askForLink(account.email);
    await server.client().accounts.resetPassword.mutate({ token: resetToken, password: NEW_PASSWORD });
    expect(codeOf(await ended)).toBe('UNAUTHORIZED');
  });

  it('refuses an expired link, a forged secret, an earlier link after a reset, and malformed tokens', async () => {
    const reset = (token: string) =>
      server
        .client()
        .accounts.resetPassword.mutate({ token, password: NEW_PASSWORD })
        .catch((e: unknown) => e);
    const { account } = await signUp(server, 'fan');
    const expired = await askForLink(account.email);
    await sql`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE id = ${expired.split('.')[0]}`.execute(
      server.db,
    );
    expect(codeOf(await reset(expired))).toBe('BAD_REQUEST');
    const earlier = await askForLink(account.email);
    const later = await askForLink(account.email);
    const forged = `${later.split('.')[0]}.${'A'.repeat(43)}`;
    expect(codeOf(await reset(forged))).toBe('BAD_REQUEST');
    await expect(reset(later)).resolves.toMatchObject({ account: { id: account.id } });
    expect(codeOf(await reset(earlier))).toBe('BAD_REQUEST');
    for (const malformed of ['', 'x'.repeat(201), 'not-a-token', `${later}\u0000`]) {
      expect(codeOf(await reset(malformed)), JSON.stringify(malformed.slice(0, 20))).toBe('BAD_REQUEST');
    }
  });

  it('lets exactly one of two simultaneous uses of a link through', async () => {
    const { account } = await signUp(server, 'fan');
    const token = await askForLink(account.email);
    const outcomes = await Promise.all(
      ['first passphrase!', 'second passphrase'].map((password) =>
        server
          .client()
          .accounts.resetPassword.mutate({ token, password })
          .then(() => 'OK', codeOf),
      ),
    );
    expect(outcomes.sort()).toEqual(['BAD_REQUEST', 'OK']);
  });

  it('limits requests per email to 3 an hour, with the wait in words, so a mailbox cannot be flooded', async () => {
    const { account } = await signUp(server, 'fan');
    const request = () =>
      server
        .client()
        .accounts.requestPasswordReset.mutate({ email: account.email })
        .catch((e: unknown) => e);
    for (let i = 0; i < 3; i++) await expect(request()).resolves.toMatchObject({ sent: true });
    const limited = await request();
    expect(codeOf(limited)).toBe('TOO_MANY_REQUESTS');
    expect((limited as Error).message).toBe('Too many reset requests; try again in 5 minutes');
  });

  it('limits requests from one address to 10 an hour (default rules), whatever the emails', async () => {
    const limited = await startTestServer({
      attemptLimiter: new InMemoryAttemptLimiter(DEFAULT_ATTEMPT_RULES),
    });
    try {
      const request = (i: number) =>
        limited
          .client()
          .accounts.requestPasswordReset.mutate({ email: `someone${i}@example.test` })
          .then(() => 'OK', codeOf);
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => request(i)));
      expect(outcomes.filter((o) => o === 'OK')).toHaveLength(10);
      expect(outcomes.filter((o) => o === 'TOO_MANY_REQUESTS')).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it('answers the same when the mail server is down, logs the failure without the address, and still closes', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const down = await startTestServer({
      mailer: new SmtpMailer('smtp://127.0.0.1:1', 'Mesi <no-reply@mesi.test>'),
    });
    try {
      const { account } = await signUp(down, 'fan');
      await expect(
        down.client().accounts.requestPasswordReset.mutate({ email: account.email }),
      ).resolves.toEqual({
        sent: true,
        developmentOutbox: false, // mail goes to an SMTP server: the page does not mention an outbox
      });
      await down.close(); // waits for the mail attempt
    } finally {
      await down.close();
    }
    const lines = logged.mock.calls.map((call) => call.join(' '));
    logged.mockRestore();
    expect(lines.some((line) => line.startsWith('sending a password-reset mail failed'))).toBe(true);
    expect(lines.join('\n')).not.toContain('@example.test');
  });
});
