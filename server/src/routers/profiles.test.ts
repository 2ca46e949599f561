import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCENT_COLOR, PROFILE_KIND, type ProfileDraft } from '@shared/domain/profile/profile';
import { decodePullPage, NOT_MUTABLE, type Mutation } from '@shared/domain/sync/protocol';
import { codeOf, signUp, startTestServer, type TestServer } from '../test/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const draft = (change: Partial<ProfileDraft> = {}): ProfileDraft => ({
  displayName: 'Mara',
  bio: 'Ceramics, mostly. Shop: https://shop.example/mara',
  links: [{ label: 'Shop', url: 'https://shop.example/mara' }],
  accentColor: '#336699',
  ...change,
});

const profileMutation = (creatorId: string, baseVersion: number, profile: ProfileDraft): Mutation => ({
  id: uuidv7(),
  entity: PROFILE_KIND.entity,
  entityId: creatorId,
  change: { type: 'update', baseVersion, draft: profile },
});

describe('the creator profile', () => {
  it('starts as the sign-up name at version 0, and each update bumps the version and renames the account', async () => {
    const { client, account } = await signUp(server, 'creator');
    expect(await client.profiles.mine.query()).toEqual({
      creatorId: account.id,
      displayName: account.displayName,
      bio: '',
      links: [],
      accentColor: DEFAULT_ACCENT_COLOR,
      version: 0,
      updatedAt: null,
    });
    const updated = await client.profiles.update.mutate({ baseVersion: 0, draft: draft() });
    expect(updated).toMatchObject({ ...draft(), version: 1 });
    expect(await client.accounts.me.query()).toMatchObject({ displayName: 'Mara' });
    const page = await server.client().creators.page.query({ handle: account.handle! });
    expect(page.creator).toMatchObject({ displayName: 'Mara', bio: draft().bio, accentColor: '#336699' });
  });

  it('refuses an update based on an old version, naming the version the server has', async () => {
    const { client } = await signUp(server, 'creator');
    await client.profiles.update.mutate({ baseVersion: 0, draft: draft() });
    await expect(
      client.profiles.update.mutate({ baseVersion: 0, draft: draft({ bio: 'Stale' }) }),
    ).rejects.toThrow(/now version 1/);
    expect((await client.profiles.mine.query()).bio).toBe(draft().bio);
  });

  it('syncs through sync.push exactly once, with conflicts carrying the server profile', async () => {
    const { client, account } = await signUp(server, 'creator');
    const first = profileMutation(account.id, 0, draft());
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push((await client.sync.push.mutate({ mutations: [first] })).results[0]);
    expect(answers.map((a) => a?.status)).toEqual(['applied', 'duplicate', 'duplicate']);
    expect(answers[0]).toMatchObject({ version: 1, seq: 1 });

    const stale = profileMutation(account.id, 0, draft({ bio: 'Written offline' }));
    const [conflict] = (await client.sync.push.mutate({ mutations: [stale] })).results;
    expect(conflict).toMatchObject({ status: 'conflict', current: { bio: draft().bio, version: 1 } });

    const feed = decodePullPage(await client.sync.pull.query({ after: 0 }));
    expect(feed.changes).toEqual([
      {
        seq: 1,
        entity: 'profile',
        op: 'upsert',
        id: account.id,
        data: expect.objectContaining({ version: 1 }),
      },
    ]);
  });

  it('refuses a malformed profile change alone, with the field, and still applies the rest of the push', async () => {
    const { client, account } = await signUp(server, 'creator');
    const bad = profileMutation(
      account.id,
      0,
      draft({ links: [{ label: 'x', url: 'javascript:alert(1)' }] }),
    );
    const good = profileMutation(account.id, 0, draft());
    const { results } = await client.sync.push.mutate({ mutations: [bad, good] });
    expect(results[0]).toMatchObject({
      status: 'rejected',
      code: 'BAD_REQUEST',
      message: expect.stringContaining(
        'draft.links.0.url: a link must be a full http:// or https:// address',
      ),
    });
    // Later changes of a refused entity build on it, so they are skipped too.
    expect(results[1]).toMatchObject({ status: 'rejected', code: 'SKIPPED' });
    expect((await client.profiles.mine.query()).version).toBe(0);
  });

  it("never changes another creator's profile, and refuses kinds the studio may not change", async () => {
    const owner = await signUp(server, 'creator');
    const other = await signUp(server, 'creator');
    const [foreign] = (
      await other.client.sync.push.mutate({ mutations: [profileMutation(owner.account.id, 0, draft())] })
    ).results;
    expect(foreign).toMatchObject({ status: 'rejected', code: 'permission_denied' });
    const unknownKind: Mutation = { id: uuidv7(), entity: 'ledger_entry', entityId: uuidv7(), change: {} };
    const [refused] = (await other.client.sync.push.mutate({ mutations: [unknownKind] })).results;
    expect(refused).toMatchObject({ status: 'rejected', code: NOT_MUTABLE });

    // Acting for another creator's account is refused outright, for every procedure that takes `creatorId`.
    const asOther = { creatorId: owner.account.id };
    await expect(other.client.profiles.mine.query(asOther).catch(codeOf)).resolves.toBe('FORBIDDEN');
    await expect(other.client.posts.mine.query(asOther).catch(codeOf)).resolves.toBe('FORBIDDEN');
    await expect(other.client.sync.pull.query({ ...asOther, after: 0 }).catch(codeOf)).resolves.toBe(
      'FORBIDDEN',
    );
    await expect(
      other.client.profiles.update.mutate({ ...asOther, baseVersion: 0, draft: draft() }).catch(codeOf),
    ).resolves.toBe('FORBIDDEN');
    expect((await owner.client.profiles.mine.query()).version).toBe(0);

    const fan = await signUp(server, 'fan');
    await expect(fan.client.profiles.mine.query().catch(codeOf)).resolves.toBe('FORBIDDEN');
  });
});
