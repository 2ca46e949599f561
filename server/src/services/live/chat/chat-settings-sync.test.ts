import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { CHAT_SETTINGS_KIND, type ChatSettingsSnapshot } from '@shared/domain/live/stream-sync';
import { decodePullPage, type Mutation } from '@shared/domain/sync/protocol';
import { signUp, startTestServer, type ServerClient, type TestServer } from '../../../test/test-server';

const clock = new ManualClock('2026-06-01T12:00:00.000Z');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server.close());

const update = (creatorId: string, baseVersion: number, settings: unknown): Mutation => ({
  id: newId(),
  entity: CHAT_SETTINGS_KIND.entity,
  entityId: creatorId,
  change: { type: 'update', baseVersion, settings },
});
const push = async (client: ServerClient, ...mutations: Mutation[]) =>
  (await client.sync.push.mutate({ mutations })).results;
const feedOf = async (client: ServerClient) =>
  decodePullPage(await client.sync.pull.query({ after: 0 })).changes.map((c) => ({
    entity: c.entity,
    id: c.id,
    data: c.data as ChatSettingsSnapshot,
  }));

describe('chat settings through sync.push', () => {
  it('sets slow mode and blocked words exactly once; the web reads them and the feed carries them', async () => {
    const creator = await signUp(server, 'creator');
    const mutation = update(creator.account.id, 0, { slowModeSeconds: 30, blockedWords: ['Spam', 'spam'] });
    const answers = [...(await push(creator.client, mutation)), ...(await push(creator.client, mutation))];
    expect(answers.map((a) => a.status)).toEqual(['applied', 'duplicate']);
    expect(answers[0]).toMatchObject({ version: 1 });
    expect(await creator.client.liveChat.settings.query()).toEqual({
      slowModeSeconds: 30,
      blockedWords: ['spam'],
    });
    expect(await feedOf(creator.client)).toEqual([
      {
        entity: 'chat_settings',
        id: creator.account.id,
        data: {
          creatorId: creator.account.id,
          slowModeSeconds: 30,
          blockedWords: ['spam'],
          version: 1,
          updatedAt: clock.now().toISOString(),
        },
      },
    ]);
  });

  it('appends the web’s changes, and answers a change based on an older version with a conflict', async () => {
    const creator = await signUp(server, 'creator');
    await push(creator.client, update(creator.account.id, 0, { slowModeSeconds: 10, blockedWords: [] }));
    await creator.client.liveChat.updateSettings.mutate({ slowModeSeconds: 60, blockedWords: ['scam'] });
    expect((await feedOf(creator.client)).map((c) => [c.data.version, c.data.slowModeSeconds])).toEqual([
      [1, 10],
      [2, 60],
    ]);
    const [stale] = await push(
      creator.client,
      update(creator.account.id, 1, { slowModeSeconds: 0, blockedWords: [] }),
    );
    expect(stale).toMatchObject({
      status: 'conflict',
      current: { slowModeSeconds: 60, blockedWords: ['scam'], version: 2 },
    });
    // Based on settings never set (0) while the server has some: a conflict as well.
    const other = await signUp(server, 'creator');
    await other.client.liveChat.updateSettings.mutate({ slowModeSeconds: 5, blockedWords: [] });
    const [fresh] = await push(
      other.client,
      update(other.account.id, 0, { slowModeSeconds: 0, blockedWords: [] }),
    );
    expect(fresh).toMatchObject({ status: 'conflict', current: { version: 1, slowModeSeconds: 5 } });
    expect(await creator.client.liveChat.settings.query()).toEqual({
      slowModeSeconds: 60,
      blockedWords: ['scam'],
    });
  });

  it("refuses another creator's settings, and bad settings in words, writing nothing", async () => {
    const owner = await signUp(server, 'creator');
    const other = await signUp(server, 'creator');
    const [foreign] = await push(
      other.client,
      update(owner.account.id, 0, { slowModeSeconds: 5, blockedWords: [] }),
    );
    expect(foreign).toMatchObject({ status: 'rejected', code: 'permission_denied' });
    // One push each: after a refusal, the same entity's later mutations in that push are skipped.
    const [tooSlow] = await push(
      owner.client,
      update(owner.account.id, 0, { slowModeSeconds: 3601, blockedWords: [] }),
    );
    const [spaced] = await push(
      owner.client,
      update(owner.account.id, 0, { slowModeSeconds: 0, blockedWords: ['two words'] }),
    );
    expect(tooSlow).toMatchObject({
      status: 'rejected',
      code: 'BAD_REQUEST',
      message: 'The server refused it: settings.slowModeSeconds: slow mode is at most 3600 seconds',
    });
    expect(spaced).toMatchObject({
      status: 'rejected',
      code: 'BAD_REQUEST',
      message: 'The server refused it: settings.blockedWords.0: a blocked word is one word, without spaces',
    });
    expect(await feedOf(owner.client)).toEqual([]);
    expect(await feedOf(other.client)).toEqual([]);
    expect(await owner.client.liveChat.settings.query()).toEqual({ slowModeSeconds: 0, blockedWords: [] });
  });
});
