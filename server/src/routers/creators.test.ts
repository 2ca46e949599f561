import { sql } from 'kysely';
import { parseRule } from '@shared/domain/access/text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCENT_COLOR } from '@shared/domain/profile/profile';
import { draft } from '../test/post-drafts';
import { codeOf, signUp, startTestServer, type TestServer } from '../test/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function creatorWithPosts() {
  const creator = await signUp(server, 'creator');
  const c = creator.client;
  const publicPost = await c.posts.create.mutate({ draft: draft('Public post') });
  await c.posts.publish.mutate({ id: publicPost.id });
  const followerPost = await c.posts.create.mutate({
    draft: draft('For followers', { kind: 'follower' }, 'Secret words'),
  });
  await c.posts.publish.mutate({ id: followerPost.id });
  const draftPost = await c.posts.create.mutate({ draft: draft('Still a draft') });
  const deleted = await c.posts.create.mutate({ draft: draft('Deleted') });
  await c.posts.publish.mutate({ id: deleted.id });
  await c.posts.delete.mutate({ id: deleted.id });
  return { creator, handle: creator.account.handle!, publicPost, followerPost, draftPost, deleted };
}

describe('creator page', () => {
  it('shows a stranger public posts open and follower posts locked without their body; never drafts or deleted posts', async () => {
    const { handle, creator } = await creatorWithPosts();
    const page = await server.client().creators.page.query({ handle: handle.toUpperCase() });
    expect(page.creator).toEqual({
      id: creator.account.id,
      handle,
      displayName: creator.account.displayName,
      // A profile never edited: nothing but the sign-up name.
      bio: '',
      links: [],
      accentColor: DEFAULT_ACCENT_COLOR,
    });
    expect(page.viewer).toEqual({ signedIn: false, isOwner: false, isFollower: false });
    expect(page.posts.map((p) => [p.title, p.access])).toEqual([
      ['For followers', 'locked'],
      ['Public post', 'open'],
    ]);
    const locked = page.posts[0]!;
    expect(locked).not.toHaveProperty('body');
    expect(JSON.stringify(page)).not.toContain('Secret words');
    expect(locked).toMatchObject({ access: 'locked', unlockHint: 'Followers', unlocksByFollowing: true });
    expect(page.nextCursor).toBeNull();
  });

  it('opens a follower post after the fan follows, and locks it again after unfollowing', async () => {
    const { handle } = await creatorWithPosts();
    const fan = await signUp(server, 'fan');
    expect(await fan.client.creators.follow.mutate({ handle })).toEqual({ following: true });
    expect(await fan.client.creators.follow.mutate({ handle })).toEqual({ following: true });
    const page = await fan.client.creators.page.query({ handle });
    expect(page.viewer).toEqual({ signedIn: true, isOwner: false, isFollower: true });
    expect(page.posts[0]).toMatchObject({ title: 'For followers', access: 'open', body: 'Secret words' });

    expect(await fan.client.creators.unfollow.mutate({ handle })).toEqual({ following: false });
    expect((await fan.client.creators.page.query({ handle })).posts[0]).toMatchObject({ access: 'locked' });
  });

  it('shows the owner every published post open', async () => {
    const { handle, creator } = await creatorWithPosts();
    const page = await creator.client.creators.page.query({ handle });
    expect(page.viewer.isOwner).toBe(true);
    expect(page.posts.map((p) => [p.title, p.access])).toEqual([
      ['For followers', 'open'],
      ['Public post', 'open'],
    ]);
  });

  it('pages newest first with a publishedAt cursor', async () => {
    const creator = await signUp(server, 'creator');
    for (let i = 1; i <= 5; i++) {
      const post = await creator.client.posts.create.mutate({ draft: draft(`Post ${i}`) });
      await creator.client.posts.publish.mutate({ id: post.id });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const handle = creator.account.handle!;
    const first = await server.client().creators.page.query({ handle, limit: 2 });
    expect(first.posts.map((p) => p.title)).toEqual(['Post 5', 'Post 4']);
    const second = await server.client().creators.page.query({ handle, limit: 2, cursor: first.nextCursor! });
    expect(second.posts.map((p) => p.title)).toEqual(['Post 3', 'Post 2']);
    const third = await server.client().creators.page.query({ handle, limit: 2, cursor: second.nextCursor! });
    expect(third.posts.map((p) => p.title)).toEqual(['Post 1']);
    expect(third.nextCursor).toBeNull();
  });

  it('pages posts published in the same millisecond without skipping or repeating one', async () => {
    const creator = await signUp(server, 'creator');
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      ids.push((await creator.client.posts.create.mutate({ draft: draft(`Same ${i}`) })).id);
    }
    await sql`UPDATE posts SET status = 'published', published_at = '2026-01-01T00:00:00.000Z'
      WHERE id IN (${sql.join(ids)})`.execute(server.db);
    const handle = creator.account.handle!;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await server.client().creators.page.query({ handle, limit: 2, cursor });
      seen.push(...page.posts.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('offers following only where following would open the post', async () => {
    const creator = await signUp(server, 'creator');
    const rules = {
      'Followers or purchase': parseRule('any(follower, purchased(book))'),
      Subscribers: parseRule('subscriber'),
    };
    for (const [title, accessRule] of Object.entries(rules)) {
      const post = await creator.client.posts.create.mutate({ draft: { title, body: 'Hidden', accessRule } });
      await creator.client.posts.publish.mutate({ id: post.id });
    }
    const page = await server.client().creators.page.query({ handle: creator.account.handle! });
    expect(page.posts.map((p) => [p.title, p.access === 'locked' && p.unlocksByFollowing])).toEqual([
      ['Subscribers', false],
      ['Followers or purchase', true],
    ]);
  });

  it('refuses a page cursor it did not give out', async () => {
    const { handle } = await creatorWithPosts();
    await expect(
      server.client().creators.page.query({ handle, cursor: 'yesterday' }).catch(codeOf),
    ).resolves.toBe('BAD_REQUEST');
  });

  it('answers NOT_FOUND for an unknown handle, and following needs a signed-in account', async () => {
    await expect(server.client().creators.page.query({ handle: 'nobody_here' }).catch(codeOf)).resolves.toBe(
      'NOT_FOUND',
    );
    const { handle } = await creatorWithPosts();
    await expect(server.client().creators.follow.mutate({ handle }).catch(codeOf)).resolves.toBe(
      'UNAUTHORIZED',
    );
  });
});
