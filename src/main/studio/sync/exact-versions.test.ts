import { describe, expect, it } from 'vitest';
import { signUpOnServer } from '../test/server-accounts';
import { draft } from '../test/drafts';
import { waitFor, type TestStudio } from '../test/studio-harness';
import { realServerSuite } from '../test/real-server-suite';

const { server, openStudio, openSignedIn } = realServerSuite();
let t: TestStudio | null = null;

const allSettled = async (studio: TestStudio) =>
  (await studio.posts.list()).every((p) => p.syncState !== 'pending') &&
  studio.studio.state().sync.pending === 0;

describe('versions confirmed by the server', () => {
  it('does not show a false conflict when the studio publishes a post the web already published, then edits it', async () => {
    const creator = await signUpOnServer(server.url);
    // No live notices: the studio does not hear of the web's publish before it sends its own.
    t = await openSignedIn(creator, { sync: { live: false } });
    const post = await t.posts.create({ draft: draft('Published twice') });
    await waitFor('synced', async () => (await t!.posts.list())[0]?.syncState === 'synced');

    await creator.api.posts.publish.mutate({ id: post.id }); // v2 on the server

    await t.posts.publish({ id: post.id }); // a no-op on the server: already published
    await waitFor('the publish answered', () => allSettled(t!));
    await t.posts.update({ id: post.id, draft: draft('Edited after publishing') });
    await waitFor('the edit answered', () => allSettled(t!));

    const local = (await t.posts.list())[0];
    expect(local).toMatchObject({
      title: 'Edited after publishing',
      syncState: 'synced',
      serverVersion: null,
    });
    const [onServer] = await creator.api.posts.mine.query();
    expect(onServer).toMatchObject({ title: 'Edited after publishing', status: 'published', version: 3 });
    expect(local?.version).toBe(onServer?.version);
  });

  it('bases an edit queued behind a no-op publish on the version the server confirmed', async () => {
    const creator = await signUpOnServer(server.url);
    t = await openSignedIn(creator, { sync: { live: false } });
    const post = await t.posts.create({ draft: draft('Offline twice') });
    await waitFor('synced', async () => (await t!.posts.list())[0]?.syncState === 'synced');
    await creator.api.posts.publish.mutate({ id: post.id });
    await creator.api.posts.unpublish.mutate({ id: post.id });
    await creator.api.posts.publish.mutate({ id: post.id }); // v4, published
    const secrets = t.secrets;
    await t.studio.close();
    await server.stop();

    // Offline: publish, edit, edit. The studio's view is v1 (draft); the server will not move for the publish.
    t = await openStudio({ secrets, sync: { live: false } });
    await t.posts.publish({ id: post.id });
    await t.posts.update({ id: post.id, draft: draft('First offline edit') });
    await t.posts.update({ id: post.id, draft: draft('Second offline edit') });
    await server.start();
    await t.syncNow();
    await waitFor('settled', () => allSettled(t!));

    // The web changed the post meanwhile (three versions, not only a publish): the studio must not overwrite it
    // without asking.
    expect((await t.posts.list())[0]).toMatchObject({ syncState: 'conflict' });
  });
});
