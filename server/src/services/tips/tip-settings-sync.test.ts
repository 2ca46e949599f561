import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { decodePullPage, type Mutation } from '@shared/domain/sync/protocol';
import {
  TIP_SETTINGS_KIND,
  type TipSettingsDraft,
  type TipSettingsSnapshot,
} from '@shared/domain/tips/tip-settings';
import { pushAsManager } from '../../test/scoped-manager';
import { signUp, startTestServer, type ServerClient, type TestServer } from '../../test/test-server';
import { SyncedKinds } from '../sync/synced-kind';
import { tipSettingsSyncedKind } from './tip-settings-sync';

const clock = new ManualClock('2026-06-01T12:00:00.000Z');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server.close());

const settings = (change: Partial<TipSettingsDraft> = {}): TipSettingsDraft => ({
  minimum: '300',
  presets: ['500', '1500'],
  goal: { title: 'New lens', amount: '50000' },
  ...change,
});
const update = (creatorId: string, baseVersion: number, draft: unknown): Mutation => ({
  id: newId(),
  entity: TIP_SETTINGS_KIND.entity,
  entityId: creatorId,
  change: { type: 'update', baseVersion, draft },
});
const push = async (client: ServerClient, ...mutations: Mutation[]) =>
  (await client.sync.push.mutate({ mutations })).results;
const feedOf = async (client: ServerClient) =>
  decodePullPage(await client.sync.pull.query({ after: 0 })).changes.map(
    (c) => c.data as TipSettingsSnapshot,
  );

describe('tip settings through sync.push', () => {
  it('sets the minimum, presets and goal exactly once; fans see them and the feed carries them', async () => {
    const creator = await signUp(server, 'creator');
    const mutation = update(creator.account.id, 0, settings({ presets: ['1500', '500', '1500'] }));
    const answers = [...(await push(creator.client, mutation)), ...(await push(creator.client, mutation))];
    expect(answers.map((a) => a.status)).toEqual(['applied', 'duplicate']);
    expect(answers[0]).toMatchObject({ version: 1 });
    expect(await server.client().tips.settings.query({ handle: creator.account.handle! })).toEqual({
      currency: 'USD',
      minimum: '300',
      presets: ['500', '1500'],
      goal: { title: 'New lens', amount: '50000', raised: '0' },
    });
    expect(await feedOf(creator.client)).toEqual([
      {
        creatorId: creator.account.id,
        currency: 'USD',
        minimum: '300',
        presets: ['500', '1500'],
        goal: { title: 'New lens', amount: '50000', startedAt: clock.now().toISOString() },
        version: 1,
        updatedAt: clock.now().toISOString(),
      },
    ]);
  });

  it('meets a web edit made meanwhile as a conflict; the goal keeps counting from when it was set', async () => {
    const creator = await signUp(server, 'creator');
    await push(creator.client, update(creator.account.id, 0, settings()));
    const goalSet = clock.now().toISOString();
    clock.advance(60_000);
    // On the web: a new minimum, the same goal. The studio hears of it through the feed.
    await creator.client.tips.updateSettings.mutate(settings({ minimum: '400', presets: ['500'] }));
    const [fromWeb] = (await feedOf(creator.client)).slice(1);
    expect(fromWeb).toMatchObject({ minimum: '400', version: 2, goal: { startedAt: goalSet } });

    const [stale] = await push(creator.client, update(creator.account.id, 1, settings({ minimum: '200' })));
    expect(stale).toMatchObject({ status: 'conflict', current: { minimum: '400', version: 2 } });
    const [based] = await push(
      creator.client,
      update(creator.account.id, 2, settings({ minimum: '200', goal: { title: 'Tripod', amount: '9000' } })),
    );
    expect(based).toMatchObject({ status: 'applied', version: 3 });
    expect((await feedOf(creator.client))[2]?.goal).toEqual({
      title: 'Tripod',
      amount: '9000',
      startedAt: clock.now().toISOString(),
    });
  });

  it('refuses a minimum under $0.50 and presets under the minimum, naming the field, and writes nothing', async () => {
    const creator = await signUp(server, 'creator');
    const answers = await push(
      creator.client,
      update(creator.account.id, 0, settings({ minimum: '49' })),
      update(creator.account.id, 0, settings({ presets: ['100'] })),
    );
    expect(answers).toEqual([
      expect.objectContaining({
        status: 'rejected',
        message:
          'The server refused it: draft.minimum: the smallest tip can be no less than $0.50 (card fees)',
      }),
      expect.objectContaining({ status: 'rejected', code: 'SKIPPED' }),
    ]);
    const [presets] = await push(
      creator.client,
      update(creator.account.id, 0, settings({ presets: ['100'] })),
    );
    expect(presets).toMatchObject({
      status: 'rejected',
      message:
        'The server refused it: draft.presets: each preset must be between the minimum and the largest tip',
    });
    expect(await feedOf(creator.client)).toEqual([]);
    expect(await server.client().tips.settings.query({ handle: creator.account.handle! })).toMatchObject({
      minimum: '100',
    });
  });

  it("refuses another creator's settings and a manager without the finance scope", async () => {
    const owner = await signUp(server, 'creator');
    const other = await signUp(server, 'creator');
    const [foreign] = await push(other.client, update(owner.account.id, 0, settings()));
    expect(foreign).toMatchObject({ status: 'rejected', code: 'permission_denied' });

    const manager = await signUp(server, 'manager');
    const asManager = pushAsManager(server, new SyncedKinds([tipSettingsSyncedKind(server.services.tips)]), {
      manager: manager.account,
      creatorId: owner.account.id,
      scopes: ['content', 'settings'],
    });
    const { results } = await asManager([update(owner.account.id, 0, settings())]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'permission_denied' });
    expect(await feedOf(owner.client)).toEqual([]);
  });
});
