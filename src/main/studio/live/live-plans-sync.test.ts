import { describe, expect, it } from 'vitest';
import { decodePullPage } from '@shared/domain/sync/protocol';
import { createServerClient } from '../sync/server-client';
import { realServerSuite } from '../test/real-server-suite';
import { signUpOnServer } from '../test/server-accounts';
import { boundToAccount, waitFor, type TestStudio } from '../test/studio-harness';
import type { LiveServer } from './live-ports';
import { serverLive } from './server-live';

const { server, openSignedIn } = realServerSuite();

/** `live.*` of the studio's active account. */
const liveOf = (t: TestStudio) => boundToAccount(t.api.live, () => t.studio.state().activeAccountId!);
const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60_000).toISOString();
const setup = {
  source: { kind: 'test-pattern' as const },
  encoding: { preset: '480p30' as const },
  videoEncoder: 'libx264' as const,
};

describe('planned streams and chat settings with the real server', () => {
  it('delivers a stream planned offline and the chat settings exactly once; fans see the stream as upcoming', async () => {
    const creator = await signUpOnServer(server.url);
    const t = await openSignedIn(creator);
    const live = liveOf(t);
    await waitFor('online', () => t.studio.state().sync.state === 'online');

    await server.kill();
    const when = inDays(3);
    const planned = await live.schedule({
      plan: { title: 'Kiln opening', access: { kind: 'ticket', priceCents: '500' }, scheduledFor: when },
    });
    await live.setChatSettings({ settings: { slowModeSeconds: 20, blockedWords: ['Spam'] } });
    await waitFor('offline', () => t.studio.state().sync.state === 'offline');
    expect(t.studio.state().sync.pending).toBe(2);
    expect(await live.plans()).toEqual([
      expect.objectContaining({
        id: planned.id,
        title: 'Kiln opening',
        access: { kind: 'ticket', priceCents: '500' },
        accessRule: { kind: 'purchased', itemId: planned.id },
        status: 'scheduled',
        syncState: 'pending',
      }),
    ]);

    await server.start();
    await waitFor('all synced', async () => {
      const [plans, settings] = await Promise.all([live.plans(), live.chatSettings()]);
      return [...plans, settings].every((record) => record.syncState === 'synced');
    });
    expect(t.studio.state().sync.pending).toBe(0);

    const page = await createServerClient({ serverUrl: server.url }).live.forCreator.query({
      handle: creator.handle,
    });
    expect(page).toEqual([
      expect.objectContaining({
        stream: expect.objectContaining({
          id: planned.id,
          title: 'Kiln opening',
          status: 'scheduled',
          scheduledFor: new Date(when).toISOString(),
        }),
        access: 'locked',
      }),
    ]);
    expect(await creator.api.liveChat.settings.query()).toEqual({
      slowModeSeconds: 20,
      blockedWords: ['spam'],
    });
    const feed = decodePullPage(await creator.api.sync.pull.query({ after: 0 })).changes;
    expect(feed.map((c) => [c.entity, c.id])).toEqual([
      ['live_stream', planned.id],
      ['chat_settings', creator.id],
    ]);
    expect(await live.plans()).toEqual([expect.objectContaining({ id: planned.id, version: 1 })]);
    expect(await live.chatSettings()).toMatchObject({
      slowModeSeconds: 20,
      blockedWords: ['spam'],
      version: 1,
    });
  });

  it('pulls an edit made on the web, then cancels from the studio over it', async () => {
    const creator = await signUpOnServer(server.url);
    const t = await openSignedIn(creator);
    const live = liveOf(t);
    const planned = await live.schedule({
      plan: { title: 'Glaze night', access: { kind: 'public' }, scheduledFor: inDays(2) },
    });
    await waitFor('synced', async () => (await live.plans())[0]?.syncState === 'synced');

    const later = inDays(5);
    await creator.api.live.update.mutate({
      id: planned.id,
      baseVersion: 1,
      draft: {
        title: 'Glaze night (moved)',
        accessRule: { kind: 'subscriber' },
        ticketPrice: null,
        scheduledFor: later,
      },
    });
    await creator.api.liveChat.updateSettings.mutate({ slowModeSeconds: 45, blockedWords: [] });
    await t.syncNow();
    await waitFor('the web edit', async () => (await live.plans())[0]?.title === 'Glaze night (moved)');
    expect((await live.plans())[0]).toMatchObject({
      access: { kind: 'subscribers', minTier: null },
      scheduledFor: new Date(later).toISOString(),
      version: 2,
      syncState: 'synced',
    });
    await waitFor('the web’s chat settings', async () => (await live.chatSettings()).slowModeSeconds === 45);

    await live.cancelPlan({ id: planned.id });
    await waitFor(
      'cancelled on the server',
      async () => (await creator.api.live.get.query({ id: planned.id })).status === 'cancelled',
    );
    expect(await live.plans()).toEqual([]);
    expect(
      await createServerClient({ serverUrl: server.url }).live.forCreator.query({ handle: creator.handle }),
    ).toEqual([]);
  });

  it('goes live on a planned stream only once the server has it: pushed first, never created twice', async () => {
    const creator = await signUpOnServer(server.url);
    const t = await openSignedIn(creator);
    const live = liveOf(t);
    await waitFor('online', () => t.studio.state().sync.state === 'online');

    await server.kill();
    const planned = await live.schedule({
      plan: { title: 'Late show', access: { kind: 'public' }, scheduledFor: inDays(1) },
    });
    await waitFor('offline', () => t.studio.state().sync.state === 'offline');
    await expect(live.goLive({ plannedId: planned.id, setup })).rejects.toThrow(
      /has not reached the server yet/,
    );

    await server.start();
    // The server's live calls, as the session makes them: creating a stream again must not happen, and the
    // key request stops the run before any encoder starts (this test is about which stream goes live).
    const session = t.studio.createContext().accounts.session(creator.id);
    const real = serverLive({ serverUrl: server.url, token: creator.token });
    const asked: string[] = [];
    const recording: LiveServer & { close(): void } = {
      ...real,
      create: () => Promise.reject(new Error('a planned stream is never created again')),
      goLive: (streamId) => {
        asked.push(streamId);
        return Promise.reject(new Error('stopped before the encoder'));
      },
    };
    session.features.live.session.setServer(recording);
    await expect(live.goLive({ plannedId: planned.id, setup })).rejects.toThrow('stopped before the encoder');
    expect(asked).toEqual([planned.id]);
    expect(await creator.api.live.get.query({ id: planned.id })).toMatchObject({
      title: 'Late show',
      status: 'scheduled',
    });
    recording.close();
  });
});
