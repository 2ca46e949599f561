import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ATTEMPT_RULES, InMemoryAttemptLimiter } from '../services/accounts/attempt-limiter';
import {
  codeOf,
  cookieParts,
  PASSWORD,
  signUp,
  startTestServer,
  uniqueName,
  type TestServer,
} from '../test/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  console.log(`accounts.test: server over a fresh ${server.databaseKind} database in ${server.startMs} ms`);
});
afterAll(() => server.close());

describe('accounts', () => {
  it('signs a creator up, returns a token that identifies them, and stores only an argon2id hash', async () => {
    const name = uniqueName('Maya');
    const { token, account, client } = await signUp(server, 'creator', name);
    expect(token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(account).toEqual({
      id: expect.any(String),
      email: `${name.toLowerCase()}@example.test`,
      handle: name.toLowerCase(),
      displayName: name,
      role: 'creator',
    });
    expect(await client.accounts.me.query()).toEqual(account);
    const row = await server.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const session = await server.db
      .selectFrom('sessions')
      .selectAll()
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(token).not.toContain(session.secret_hash);
  });

  it('requires a handle for creators and refuses a taken email or handle (any case)', async () => {
    const anonymous = server.client();
    await expect(
      anonymous.accounts.signUp.mutate({
        email: 'nohandle@example.test',
        password: PASSWORD,
        role: 'creator',
        displayName: 'No Handle',
      }),
    ).rejects.toThrow(/handle: choose a handle for your page address/);
    const { account } = await signUp(server, 'creator');
    const dupEmail = anonymous.accounts.signUp.mutate({
      email: account.email.toUpperCase(),
      password: PASSWORD,
      role: 'fan',
      displayName: 'Copy',
    });
    await expect(dupEmail).rejects.toThrow(/email already exists/);
    await expect(dupEmail.catch(codeOf)).resolves.toBe('CONFLICT');
    await expect(
      anonymous.accounts.signUp.mutate({
        email: `${uniqueName('other')}@example.test`,
        password: PASSWORD,
        role: 'creator',
        handle: account.handle!.toUpperCase(),
        displayName: 'Copy',
      }),
    ).rejects.toThrow(/handle is taken/);
  });

  it('signs in with the right password, and gives the same answer for an unknown email and a wrong password', async () => {
    const { account } = await signUp(server, 'fan');
    const anonymous = server.client();
    const signedIn = await anonymous.accounts.signIn.mutate({ email: account.email, password: PASSWORD });
    expect(signedIn.account.id).toBe(account.id);
    expect(await server.client(signedIn.token).accounts.me.query()).toEqual(account);

    const wrong = await anonymous.accounts.signIn
      .mutate({ email: account.email, password: 'not the password' })
      .catch((err: unknown) => err);
    const unknown = await anonymous.accounts.signIn
      .mutate({ email: `${uniqueName('nobody')}@example.test`, password: 'not the password' })
      .catch((err: unknown) => err);
    expect(codeOf(wrong)).toBe('UNAUTHORIZED');
    expect(codeOf(unknown)).toBe('UNAUTHORIZED');
    expect((unknown as Error).message).toBe((wrong as Error).message);
  });

  it('spends about as long on an unknown email as on a wrong password (argon2 runs either way)', async () => {
    const { account } = await signUp(server, 'fan');
    const anonymous = server.client();
    const time = async (email: string) => {
      const started = performance.now();
      await anonymous.accounts.signIn.mutate({ email, password: 'wrong password!' }).catch(() => undefined);
      return performance.now() - started;
    };
    await time(`${uniqueName('warmup')}@example.test`);
    let wrong = 0;
    let unknown = 0;
    for (let i = 0; i < 3; i++) {
      wrong += await time(account.email);
      unknown += await time(`${uniqueName('ghost')}@example.test`);
    }
    // An unknown email that skipped argon2 would answer in a few ms, a small fraction of a verification.
    expect(unknown).toBeGreaterThan(wrong * 0.4);
  });

  it('signs out: the token is revoked, refused afterwards, and the cookie is cleared', async () => {
    const { token, client } = await signUp(server, 'fan');
    const response = await fetch(`${server.url}/trpc/accounts.signOut`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const cleared = cookieParts(response.headers.get('set-cookie'));
    expect(cleared).toMatchObject({ name: 'mesi_session', value: '' });
    for (const attribute of ['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=0'])
      expect(cleared.attributes).toContain(attribute);
    expect(await client.accounts.me.query()).toBeNull();
    const refused = await client.posts.mine.query().catch(codeOf);
    expect(refused).toBe('UNAUTHORIZED');
    await expect(client.accounts.signOut.mutate()).rejects.toThrow(/session has ended/);
  });

  it('refuses a forged secret for a real session id', async () => {
    const { token } = await signUp(server, 'creator');
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    await expect(server.client(forged).posts.mine.query().catch(codeOf)).resolves.toBe('UNAUTHORIZED');
  });

  it('a token shaped like ours but without a UUID opens no session, and the fans asking at the same time are served', async () => {
    const { token } = await signUp(server, 'fan');
    const notUuid = `${'-'.repeat(36)}.${'A'.repeat(43)}`;
    const notHex = `${'g'.repeat(8)}-0000-0000-0000-000000000000.${'A'.repeat(43)}`;
    // Asked together, so that the session lookups share one batch.
    const answers = await Promise.all([
      server.client(notUuid).accounts.me.query().catch(codeOf),
      server.client(token).accounts.me.query(),
      server.client(notHex).accounts.me.query().catch(codeOf),
      server.client(token).accounts.me.query(),
    ]);
    expect(answers[0]).toBeNull(); // no session, as for any token that is not ours
    expect(answers[2]).toBeNull();
    expect(answers[1]).toMatchObject({ role: 'fan' });
    expect(answers[3]).toMatchObject({ role: 'fan' });
  });

  it('sets an HttpOnly, SameSite=Lax session cookie that signs the browser in', async () => {
    const name = uniqueName('cookie');
    const response = await fetch(`${server.url}/trpc/accounts.signUp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: `${name}@example.test`,
        password: PASSWORD,
        role: 'fan',
        displayName: name,
      }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    const parts = cookieParts(cookie);
    expect(parts.name).toBe('mesi_session');
    expect(parts.value).not.toBe('');
    for (const attribute of ['HttpOnly', 'SameSite=Lax', 'Path=/'])
      expect(parts.attributes).toContain(attribute);
    expect(parts.attributes).not.toContain('Secure');
    const me = await fetch(`${server.url}/trpc/accounts.me`, { headers: { Cookie: cookie.split(';')[0]! } });
    const body = (await me.json()) as { result: { data: { email: string } } };
    expect(body.result.data.email).toBe(`${name}@example.test`);
  });

  it('makes an email wait after 5 failed sign-ins, says how long in words, and a success resets the count', async () => {
    const { account } = await signUp(server, 'fan');
    const anonymous = server.client();
    const fail = () =>
      anonymous.accounts.signIn
        .mutate({ email: account.email, password: 'wrong password!' })
        .catch((e: unknown) => e);
    for (let i = 0; i < 4; i++) expect(codeOf(await fail())).toBe('UNAUTHORIZED');
    // A success before the limit clears the email's failures.
    await anonymous.accounts.signIn.mutate({ email: account.email, password: PASSWORD });
    for (let i = 0; i < 5; i++) expect(codeOf(await fail())).toBe('UNAUTHORIZED');
    const limited = await fail();
    expect(codeOf(limited)).toBe('TOO_MANY_REQUESTS');
    // The first wait is 30 seconds (it doubles with each further failure, up to 15 minutes).
    expect((limited as Error).message).toBe('Too many failed sign-ins; try again in 30 seconds');
    // Even the right password waits now.
    const right = await anonymous.accounts.signIn
      .mutate({ email: account.email, password: PASSWORD })
      .catch(codeOf);
    expect(right).toBe('TOO_MANY_REQUESTS');
  });

  it('counts parallel and batched wrong sign-ins one by one: only 5 reach the password check', async () => {
    // A server of its own: the IP limit must start from zero.
    const fresh = await startTestServer();
    try {
      const { account } = await signUp(fresh, 'fan');
      const batched = fresh.client(); // two HTTP requests carry the 40 calls, 20 each
      const codes = await Promise.all(
        Array.from({ length: 40 }, () =>
          batched.accounts.signIn.mutate({ email: account.email, password: 'wrong password!' }).catch(codeOf),
        ),
      );
      expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
      expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(35);
    } finally {
      await fresh.close();
    }
  });

  it('limits sign-ups per address to 10 an hour, counted before the password hash, also when batched', async () => {
    const limited = await startTestServer({
      attemptLimiter: new InMemoryAttemptLimiter(DEFAULT_ATTEMPT_RULES),
    });
    try {
      const anonymous = limited.client(); // one batch of 20 calls: parallel sign-ups meet the limit one by one
      const stem = uniqueName('flood');
      const codes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          anonymous.accounts.signUp
            .mutate({
              email: `${stem}${i}@example.test`,
              password: PASSWORD,
              role: 'fan',
              displayName: 'Flood',
            })
            .then(() => 'OK', codeOf),
        ),
      );
      expect(codes.filter((c) => c === 'OK')).toHaveLength(10);
      expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(10);
      const created = await limited.db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('email', 'like', `${stem}%`)
        .executeTakeFirstOrThrow();
      expect(Number(created.count)).toBe(10);
      const refused = await anonymous.accounts.signUp
        .mutate({ email: `${stem}x@example.test`, password: PASSWORD, role: 'fan', displayName: 'Flood' })
        .catch((e: unknown) => e);
      expect((refused as Error).message).toBe(
        'Too many new accounts from your network; try again in 1 minute',
      );
    } finally {
      await limited.close();
    }
  });

  it('points a taken email to signing in or resetting the password', async () => {
    const { account } = await signUp(server, 'fan');
    const taken = await server
      .client()
      .accounts.signUp.mutate({ email: account.email, password: PASSWORD, role: 'fan', displayName: 'Again' })
      .catch((e: unknown) => e);
    expect((taken as Error).message).toBe(
      'An account with this email already exists: sign in, or reset your password if you forgot it',
    );
  });

  it('ends a session unused for 30 days, or older than a year however often it is used', async () => {
    const idle = await signUp(server, 'fan');
    const old = await signUp(server, 'fan');
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000);
    const sessionId = (token: string) => token.split('.')[0]!;
    await server.db
      .updateTable('sessions')
      .set({ last_seen_at: daysAgo(31) })
      .where('id', '=', sessionId(idle.token))
      .execute();
    // created_at is not updatable through the schema types, on purpose; the test rewinds it in SQL.
    await sql`UPDATE sessions SET created_at = ${daysAgo(366)} WHERE id = ${sessionId(old.token)}`.execute(
      server.db,
    );
    expect(await server.client(idle.token).accounts.me.query()).toBeNull();
    expect(await server.client(old.token).accounts.me.query()).toBeNull();
    await expect(server.client(idle.token).accounts.signOut.mutate().catch(codeOf)).resolves.toBe(
      'UNAUTHORIZED',
    );
    // A session used within the month stays.
    const fresh = await signUp(server, 'fan');
    await server.db
      .updateTable('sessions')
      .set({ last_seen_at: daysAgo(29) })
      .where('id', '=', sessionId(fresh.token))
      .execute();
    expect(await server.client(fresh.token).accounts.me.query()).toMatchObject({ id: fresh.account.id });
  });

  it('treats a malformed session cookie as no cookie, and sends no stack traces', async () => {
    const response = await fetch(`${server.url}/trpc/accounts.me`, {
      headers: { Cookie: 'mesi_session=%E0' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: { data: unknown } }).result.data).toBeNull();
    const refused = await fetch(`${server.url}/trpc/accounts.signOut`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(JSON.stringify(await refused.json())).not.toMatch(/stack|\.ts:\d+/);
  });
});
