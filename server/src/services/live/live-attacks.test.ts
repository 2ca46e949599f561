import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { codeOf, startTestServer, type TestServer } from '../../test/test-server';
import { CARD_OK, person, streamDraft, ticketedDraft, type Person } from './streams/test/live-fixtures';

/**
 * An attacker's probes of `live.*` and `liveChat.*` over the real HTTP API: each case is a defence that held
 * when probed, kept as a regression test. Every refusal is checked together with the state it protects.
 */
let server: TestServer;
let owner: Person;
let rival: Person;
let fan: Person;

beforeAll(async () => {
  server = await startTestServer();
  owner = await person(server, 'creator');
  rival = await person(server, 'creator');
  fan = await person(server, 'fan');
});
afterAll(() => server.close());

/** The tRPC code a call was refused with, or 'ANSWERED' when it went through. */
const refusedWith = (call: Promise<unknown>) => call.then(() => 'ANSWERED', codeOf);

describe('another creator against a creator’s stream', () => {
  it('cannot edit, end, cancel or read it (goLive: see the relay probes), and the stream is left as it was', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const asRival = rival.client.live;
    const draft = streamDraft({ title: 'Hijacked' });
    const attempts = [
      asRival.update.mutate({ id: stream.id, baseVersion: 1, draft }),
      asRival.end.mutate({ id: stream.id }),
      asRival.cancel.mutate({ id: stream.id }),
      asRival.get.query({ id: stream.id }),
    ];
    const codes = await Promise.all(attempts.map(refusedWith));
    for (const code of codes) {
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(code);
    }
    // Re-creating under the same id from the rival's account must not take the stream over either.
    expect(await refusedWith(asRival.create.mutate({ id: stream.id, draft }))).not.toBe('ANSWERED');
    await expect(owner.client.live.get.query({ id: stream.id })).resolves.toMatchObject({
      title: 'Kiln opening',
      status: 'scheduled',
    });
    expect((await asRival.mine.query()).map((s) => s.id)).not.toContain(stream.id);
  });

  it('a fan account cannot create or start streams at all', async () => {
    expect(await refusedWith(fan.client.live.create.mutate({ draft: streamDraft() }))).toBe('FORBIDDEN');
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(
      await refusedWith(fan.client.live.goLive.mutate({ id: stream.id })),
    );
  });
});

describe('malformed input', () => {
  it('refuses ids that are not UUIDs (huge, traversal, unicode) before any lookup', async () => {
    const anonymous = server.client();
    // A 100 KB id does not even make it through the HTTP server's URL limit.
    await expect(anonymous.live.watch.query({ streamId: 'x'.repeat(100_000) })).rejects.toThrow();
    for (const streamId of ['x'.repeat(5_000), '../../etc/passwd', 'ｆｆｆｆ', '', ' '.repeat(36)]) {
      expect(await refusedWith(anonymous.live.watch.query({ streamId }))).toBe('BAD_REQUEST');
      expect(await refusedWith(anonymous.liveChat.history.query({ streamId }))).toBe('BAD_REQUEST');
    }
    expect(
      await refusedWith(anonymous.live.watch.query({ streamId: 42 } as unknown as { streamId: string })),
    ).toBe('BAD_REQUEST');
  });

  it('an unknown stream id is not found, the same for everyone', async () => {
    expect(await refusedWith(server.client().live.watch.query({ streamId: newId() }))).toBe('NOT_FOUND');
    expect(await refusedWith(fan.client.liveChat.send.mutate({ streamId: newId(), text: 'hi' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a 10 KB message and a multi-line one, and stores markup as the text it is', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const send = (text: string) => fan.client.liveChat.send.mutate({ streamId: stream.id, text });
    expect(await refusedWith(send('😀'.repeat(5_000)))).toBe('BAD_REQUEST');
    expect(await refusedWith(send('line one\nline two'))).toBe('BAD_REQUEST');
    expect(await refusedWith(send('\u0007bell'))).toBe('BAD_REQUEST');
    const markup = '<img src=x onerror=alert(1)>';
    await send(markup);
    const [last] = await server.client().liveChat.history.query({ streamId: stream.id, limit: 1 });
    expect(last?.text).toBe(markup);
  });

  it('refuses a forged tip amount (negative, exponent, leading zero, 32 digits, a fee sent along)', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const tip = (amount: string, extra: Record<string, unknown> = {}) =>
      fan.client.liveChat.tip.mutate({
        streamId: stream.id,
        amount,
        currency: 'USD',
        message: '',
        paymentMethod: CARD_OK,
        idempotencyKey: newId(),
        ...extra,
      });
    for (const amount of ['-100', '1e3', '0100', '1'.repeat(32), '10.5', ' 100']) {
      expect(await refusedWith(tip(amount))).toBe('BAD_REQUEST');
    }
    expect(await refusedWith(tip('100', { fee: '0' }))).toBe('BAD_REQUEST');
    expect(await refusedWith(tip('100', { currency: 'EUR' }))).toBe('BAD_REQUEST');
    expect(await refusedWith(tip('0'))).not.toBe('ANSWERED');
    // Nothing of the above reached the chat.
    const history = await server.client().liveChat.history.query({ streamId: stream.id });
    expect(history.filter((message) => message.kind === 'tip')).toEqual([]);
  });
});

describe('tickets', () => {
  it('refuses a ticket to a free stream, a cancelled one, one’s own, and a price sent along', async () => {
    const free = await owner.client.live.create.mutate({ draft: streamDraft() });
    const buy = (buyer: Person, streamId: string, extra: Record<string, unknown> = {}) =>
      buyer.client.live.buyTicket.mutate({
        streamId,
        paymentMethod: CARD_OK,
        idempotencyKey: newId(),
        ...extra,
      });
    expect(await refusedWith(buy(fan, free.id))).toBe('BAD_REQUEST');

    const ticketedId = newId();
    await owner.client.live.create.mutate({ id: ticketedId, draft: ticketedDraft(ticketedId, '500') });
    expect(await refusedWith(buy(fan, ticketedId, { price: { currency: 'USD', minor: '1' } }))).toBe(
      'BAD_REQUEST',
    );
    expect(await refusedWith(buy(owner, ticketedId))).toBe('BAD_REQUEST');
    await owner.client.live.cancel.mutate({ id: ticketedId });
    expect(await refusedWith(buy(fan, ticketedId))).toBe('NOT_FOUND');
  });
});

describe('gated streams against outsiders', () => {
  it('an anonymous viewer and a follower get no chat history, no events and no playback', async () => {
    const id = newId();
    await owner.client.live.create.mutate({ id, draft: ticketedDraft(id, '900') });
    const follower = await person(server, 'fan');
    await follower.client.creators.follow.mutate({ handle: owner.handle! });
    for (const client of [server.client(), follower.client]) {
      expect(await refusedWith(client.liveChat.history.query({ streamId: id }))).not.toBe('ANSWERED');
      expect(await refusedWith(client.liveChat.send.mutate({ streamId: id, text: 'let me in' }))).not.toBe(
        'ANSWERED',
      );
      expect(
        await refusedWith(client.liveChat.react.mutate({ streamId: id, reaction: '❤️' as never })),
      ).not.toBe('ANSWERED');
      const watched = await client.live.watch.query({ streamId: id });
      expect(JSON.stringify(watched)).not.toMatch(/token|\.flv|m3u8|key/i);
    }
    await expect(
      server.services.live.chat.follow(follower.id, id).then(({ subscription }) => subscription.close()),
    ).rejects.toThrow(/ticket/i);
  });
});

describe('moderation by people who are not moderators', () => {
  it('a fan, another creator, and the moderator of another creator cannot delete, time out, ban or unban', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const victim = await person(server, 'fan');
    const message = await victim.client.liveChat.send.mutate({ streamId: stream.id, text: 'hello' });
    const rivalsModerator = await person(server, 'fan');
    await rival.client.liveChat.appointModerator.mutate({ accountId: rivalsModerator.id });

    for (const attacker of [fan, rival, rivalsModerator]) {
      const chat = attacker.client.liveChat;
      const codes = await Promise.all(
        [
          chat.delete.mutate({ messageId: message.id }),
          chat.timeout.mutate({ streamId: stream.id, fanId: victim.id, minutes: 5 }),
          chat.ban.mutate({ streamId: stream.id, fanId: victim.id }),
          chat.unban.mutate({ streamId: stream.id, fanId: victim.id }),
        ].map(refusedWith),
      );
      expect(codes).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    }
    // The creator's settings are theirs: another creator's call changes only the caller's own.
    await rival.client.liveChat.updateSettings.mutate({ slowModeSeconds: 3600, blockedWords: ['hello'] });
    await expect(owner.client.liveChat.settings.query()).resolves.toEqual({
      slowModeSeconds: 0,
      blockedWords: [],
    });
    await expect(
      victim.client.liveChat.send.mutate({ streamId: stream.id, text: 'hello' }),
    ).resolves.toMatchObject({ text: 'hello' });
    const history = await server.client().liveChat.history.query({ streamId: stream.id });
    expect(history.map((m) => m.id)).toContain(message.id);
  });

  it('a banned fan cannot send, and cannot lift the ban themselves', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const banned = await person(server, 'fan');
    await owner.client.liveChat.ban.mutate({ streamId: stream.id, fanId: banned.id, reason: 'spam' });
    const chat = banned.client.liveChat;
    expect(await refusedWith(chat.send.mutate({ streamId: stream.id, text: 'back' }))).toBe('FORBIDDEN');
    expect(await refusedWith(chat.unban.mutate({ streamId: stream.id, fanId: banned.id }))).toBe('FORBIDDEN');
    expect(await refusedWith(chat.send.mutate({ streamId: stream.id, text: 'still' }))).toBe('FORBIDDEN');
  });
});
