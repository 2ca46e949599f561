import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RULE_NODES, type AccessRule } from '@shared/domain/access/rule';
import { newId } from '@shared/domain/ids';
import { draft, postMutation } from '../test/post-drafts';
import { codeOf, PASSWORD, signUp, startTestServer, uniqueName, type TestServer } from '../test/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const NUL = '\u0000';
const rulesWithNul: AccessRule[] = [
  { kind: 'purchased', itemId: `item${NUL}` },
  { kind: 'subscriber', minTier: `gold${NUL}` },
  { kind: 'holds', collection: `0xabc${NUL}`, count: 1 },
  { kind: 'any', rules: [{ kind: 'follower' }, { kind: 'purchased', itemId: `${NUL}` }] },
];

/** A rule of `leaves` public conditions under groups of 16, nested as little as the limits allow. */
function wideRule(leaves: number): AccessRule {
  let level: AccessRule[] = Array.from({ length: leaves }, () => ({ kind: 'public' }) as const);
  while (level.length > 1) {
    const groups: AccessRule[] = [];
    for (let at = 0; at < level.length; at += 16)
      groups.push({ kind: 'any', rules: level.slice(at, at + 16) });
    level = groups;
  }
  return level[0]!;
}

describe('input that would reach the database unchecked', () => {
  it('refuses control characters in every access rule field, on posts.create, posts.update and sync.push', async () => {
    const { client } = await signUp(server, 'creator');
    const post = await client.posts.create.mutate({ draft: draft('Fine') });
    for (const rule of rulesWithNul) {
      const label = JSON.stringify(rule);
      expect(await client.posts.create.mutate({ draft: draft('T', rule) }).catch(codeOf), label).toBe(
        'BAD_REQUEST',
      );
      expect(
        await client.posts.update
          .mutate({ id: post.id, baseVersion: post.version, draft: draft('T', rule) })
          .catch(codeOf),
        label,
      ).toBe('BAD_REQUEST');
      const pushed = client.sync.push.mutate({
        mutations: [postMutation(newId(), { type: 'create', draft: draft('T', rule) })],
      });
      expect(await pushed.catch(codeOf), label).toBe('BAD_REQUEST');
    }
    // Nothing of it was stored, and the account still works.
    expect((await client.posts.mine.query()).map((p) => p.title)).toEqual(['Fine']);
  });

  it('refuses NUL in sign-up names and in handles, and in keys and fields no schema names', async () => {
    const anonymous = server.client();
    const name = uniqueName('nul');
    const signUpWith = (fields: Record<string, unknown>) =>
      anonymous.accounts.signUp
        .mutate({
          email: `${name}@example.test`,
          password: PASSWORD,
          role: 'fan',
          displayName: 'N',
          ...fields,
        } as never)
        .catch(codeOf);
    expect(await signUpWith({ displayName: `Mara${NUL}` })).toBe('BAD_REQUEST');
    expect(await signUpWith({ [`extra${NUL}`]: 1 })).toBe('BAD_REQUEST');
    expect(await signUpWith({ extra: { deep: [`x${NUL}`] } })).toBe('BAD_REQUEST');
    expect(await signUpWith({ displayName: `Mara\u001b[31m` })).toBe('BAD_REQUEST');

    const { client } = await signUp(server, 'fan');
    const creator = await signUp(server, 'creator');
    const handle = `${creator.account.handle}${NUL}`;
    expect(await anonymous.creators.page.query({ handle }).catch(codeOf)).toBe('BAD_REQUEST');
    expect(await client.creators.follow.mutate({ handle }).catch(codeOf)).toBe('BAD_REQUEST');
    expect(await client.creators.unfollow.mutate({ handle }).catch(codeOf)).toBe('BAD_REQUEST');
    // The same handle as people type it still works.
    await client.creators.follow.mutate({ handle: `@${creator.account.handle!.toUpperCase()}` });
  });

  it('reads page cursors strictly: a real UUID and a date PostgreSQL can hold', async () => {
    const creator = await signUp(server, 'creator');
    for (let i = 0; i < 3; i++) await creator.client.posts.create.mutate({ draft: draft(`Post ${i}`) });
    await Promise.all(
      (await creator.client.posts.mine.query()).map((post) =>
        creator.client.posts.publish.mutate({ id: post.id }),
      ),
    );
    const anonymous = server.client();
    const handle = creator.account.handle!;
    const first = await anonymous.creators.page.query({ handle, limit: 2 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await anonymous.creators.page.query({ handle, limit: 2, cursor: first.nextCursor });
    expect(second.posts).toHaveLength(1);

    const [at, id] = first.nextCursor!.split('~') as [string, string];
    for (const cursor of [
      `${at}~${'f'.repeat(8)}-${'f'.repeat(4)}-${'f'.repeat(4)}-${'f'.repeat(4)}-${'f'.repeat(12)}`.replace(
        /-/g,
        'a',
      ), // 36 hex, no dashes
      `${at}~zzzzzzzz-zzzz-7zzz-8zzz-zzzzzzzzzzzz`,
      `${at}~${id}~extra`,
      `+275760-09-13T00:00:00.000Z~${id}`,
      `-000001-01-01T00:00:00.000Z~${id}`,
      `2026-13-45T99:99:99.000Z~${id}`,
      `${at}${NUL}~${id}`,
    ]) {
      expect(await anonymous.creators.page.query({ handle, cursor }).catch(codeOf), cursor).toBe(
        'BAD_REQUEST',
      );
    }
  });

  it(`refuses an access rule of more than ${MAX_RULE_NODES} conditions, however it is spread`, async () => {
    const { client } = await signUp(server, 'creator');
    const largest = wideRule(48); // 48 leaves + 3 groups + 1 root = 52 conditions
    await client.posts.create.mutate({ draft: draft('Largest', largest) });
    const tooLarge = (leaves: number) =>
      client.posts.create.mutate({ draft: draft('Too large', wideRule(leaves)) }).catch(codeOf);
    expect(await tooLarge(MAX_RULE_NODES)).toBe('BAD_REQUEST'); // 64 leaves under 5 groups
    expect(await tooLarge(4096)).toBe('BAD_REQUEST');
    // 60,000 conditions no longer fit in a request body: the size limit answers before anything is parsed.
    expect(await tooLarge(60_000)).toBe('PAYLOAD_TOO_LARGE');
    expect((await client.posts.mine.query()).map((p) => p.title)).toEqual(['Largest']);
  });
});
