import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { NotFoundError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import type { LiveEvent } from '@shared/domain/live/live-events';
import { InProcessPubSub } from '../../../adapters/pubsub';
import { ActingForPolicy } from '../../access/acting-for';
import type { AccountView } from '../../accounts/account-service';
import { signUp, startTestServer, type TestServer } from '../../../test/test-server';
import { ChatReactions } from './chat-reactions';
import { ChatRepository } from './chat-repository';
import { ChatService } from './chat-service';
import { LiveFanout, type LiveSubscription } from './live-fanout';

let server: TestServer;
let clock: ManualClock;
let pubsub: InProcessPubSub;
let chat: ChatService;
let reactions: ChatReactions;
let fanout: LiveFanout;

beforeAll(async () => {
  server = await startTestServer();
  clock = new ManualClock('2026-06-01T12:00:00Z');
  pubsub = new InProcessPubSub();
  chat = new ChatService({
    db: server.db,
    chats: new ChatRepository(),
    // The streams service's own access decision (who may watch, who moderates), over rows inserted here.
    access: server.services.live.streams.access,
    actingFor: new ActingForPolicy(),
    pubsub,
    feed: server.services.feed,
    clock,
  });
  reactions = new ChatReactions({ chat, clock });
  fanout = new LiveFanout(pubsub);
});
afterAll(async () => {
  fanout.close();
  await pubsub.close();
  await server.close();
});

/** A creator with a live stream, and two fans. */
async function liveStream() {
  const creator = await signUp(server, 'creator');
  const [fan, other] = await Promise.all([signUp(server, 'fan'), signUp(server, 'fan')]);
  const streamId = newId();
  await server.db
    .insertInto('live_streams')
    .values({
      id: streamId,
      creator_id: creator.account.id,
      title: 'Live now',
      access_rule: JSON.stringify({ kind: 'public' }),
      status: 'live',
      started_at: clock.now(),
    })
    .execute();
  return { streamId, creator: creator.account, fan: fan.account, other: other.account };
}

/** Events a subscription receives until `done` holds for them (or 5 s pass). */
async function eventsUntil(subscription: LiveSubscription, done: (events: LiveEvent[]) => boolean) {
  const seen: LiveEvent[] = [];
  const timer = setTimeout(() => subscription.close(), 5_000);
  for await (const batch of subscription.batches()) {
    seen.push(...batch);
    if (done(seen)) break;
  }
  clearTimeout(timer);
  return seen;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'sent',
    (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
  );

/** Sends from a fan after the rate limit of earlier tests has filled up again. */
function later(ms = 60_000) {
  clock.advance(ms);
}

describe('the chat service', () => {
  it('delivers a message to another viewer as the very text sent (HTML stays text)', async () => {
    const { streamId, fan } = await liveStream();
    const watcher = fanout.subscribe(streamId, { moderator: false });
    const text = '<script>alert("x")</script> <b>bold</b> &amp;';
    const sent = await chat.send(fan, streamId, text);
    const seen = await eventsUntil(watcher, (events) => events.some((e) => e.type === 'message'));
    expect(seen).toEqual([{ type: 'message', message: sent }]);
    expect(sent).toMatchObject({ text, kind: 'message', author: { id: fan.id }, tip: null });
    expect((await chat.history(null, streamId, { before: null, limit: 10 }))[0]?.text).toBe(text);
  });

  it('announces a deleted message and leaves it out of fans’ history (moderators still see it, marked)', async () => {
    const { streamId, fan, creator } = await liveStream();
    const kept = await chat.send(fan, streamId, 'kept');
    const removed = await chat.send(fan, streamId, 'rude');
    const watcher = fanout.subscribe(streamId, { moderator: false });
    await chat.delete(creator as AccountView, removed.id);
    expect(await eventsUntil(watcher, (events) => events.length > 0)).toEqual([
      { type: 'deleted', streamId, messageId: removed.id },
    ]);
    expect((await chat.history(fan.id, streamId, { before: null, limit: 10 })).map((m) => m.id)).toEqual([
      kept.id,
    ]);
    const asCreator = await chat.history(creator.id, streamId, { before: null, limit: 10 });
    expect(asCreator.map((m) => [m.id, m.deletedAt !== null])).toEqual([
      [removed.id, true],
      [kept.id, false],
    ]);
  });

  it('pages history newest first, before a message', async () => {
    const { streamId, fan } = await liveStream();
    const sent = [];
    for (let i = 0; i < 5; i++) {
      later();
      sent.push(await chat.send(fan, streamId, `m${i}`));
    }
    const first = await chat.history(null, streamId, { before: null, limit: 2 });
    expect(first.map((m) => m.text)).toEqual(['m4', 'm3']);
    const next = await chat.history(null, streamId, { before: first[1]!.id, limit: 2 });
    expect(next.map((m) => m.text)).toEqual(['m2', 'm1']);
  });

  it('cuts one fan’s burst with a clear error while another fan still chats', async () => {
    const { streamId, fan, other } = await liveStream();
    later();
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await refusal(chat.send(fan, streamId, `flood ${i}`)));
    expect(results.slice(0, 5)).toEqual(Array(5).fill('sent'));
    expect(results[5]).toBe('RateLimitedError: You are sending messages too fast; wait 2 seconds');
    await expect(chat.send(other, streamId, 'still here')).resolves.toMatchObject({ text: 'still here' });
    clock.advance(2_000);
    await expect(chat.send(fan, streamId, 'back')).resolves.toMatchObject({ text: 'back' });
  });

  it('holds fans to slow mode, not the creator', async () => {
    const { streamId, fan, creator } = await liveStream();
    await chat.updateSettings(creator, creator.id, { slowModeSeconds: 30, blockedWords: [] });
    later();
    await chat.send(fan, streamId, 'first');
    expect(await refusal(chat.send(fan, streamId, 'second'))).toBe(
      'RateLimitedError: Slow mode is on: you can send again in 30 seconds',
    );
    await chat.send(creator, streamId, 'the creator talks');
    await chat.send(creator, streamId, 'and talks');
    clock.advance(30_000);
    await expect(chat.send(fan, streamId, 'second')).resolves.toMatchObject({ text: 'second' });
  });

  it('refuses a fan’s message with a blocked word, whole words only, saying which', async () => {
    const { streamId, fan, creator } = await liveStream();
    await chat.updateSettings(creator, creator.id, { slowModeSeconds: 0, blockedWords: ['spam'] });
    later();
    expect(await refusal(chat.send(fan, streamId, 'buy SPAM here'))).toBe(
      'ValidationError: “spam” is not allowed in this chat; please rephrase',
    );
    await expect(chat.send(fan, streamId, 'no spammers please')).resolves.toBeDefined();
    expect(await chat.settings(creator, creator.id)).toEqual({ slowModeSeconds: 0, blockedWords: ['spam'] });
  });

  it('keeps a timed-out fan out until the timeout ends by the clock, and a banned one until unbanned', async () => {
    const { streamId, fan, other, creator } = await liveStream();
    later();
    const watcher = fanout.subscribe(streamId, { moderator: true });
    await chat.timeout(creator, streamId, fan.id, 10);
    expect(await refusal(chat.send(fan, streamId, 'hello?'))).toBe(
      'PermissionDeniedError: You are timed out of this chat for 10 minutes more',
    );
    clock.advance(10 * 60_000 + 1);
    await expect(chat.send(fan, streamId, 'back again')).resolves.toBeDefined();

    await chat.ban(creator, streamId, other.id, 'spam');
    expect(await refusal(chat.send(other, streamId, 'let me in'))).toBe(
      'PermissionDeniedError: You are banned from this chat',
    );
    clock.advance(24 * 60 * 60_000);
    expect(await refusal(chat.send(other, streamId, 'still?'))).toBe(
      'PermissionDeniedError: You are banned from this chat',
    );
    await chat.unban(creator, streamId, other.id);
    await expect(chat.send(other, streamId, 'thanks')).resolves.toBeDefined();
    const moderation = (
      await eventsUntil(watcher, (events) => events.filter((e) => e.type === 'moderation').length >= 3)
    ).flatMap((e) => (e.type === 'moderation' ? [e.moderation.action] : []));
    expect(moderation).toEqual(['timeout', 'ban', 'unban']);
  });

  it('lets the creator and appointed moderators moderate, never a fan', async () => {
    const { streamId, fan, other, creator } = await liveStream();
    later();
    const message = await chat.send(other, streamId, 'hello');
    expect(await refusal(chat.delete(fan, message.id))).toBe(
      'PermissionDeniedError: Only the creator and their moderators can delete messages',
    );
    expect(await refusal(chat.ban(fan, streamId, other.id, ''))).toBe(
      'PermissionDeniedError: Only the creator and their moderators can ban fans',
    );
    expect(await refusal(chat.appoint(fan, creator.id, fan.id))).toMatch(/^PermissionDeniedError/);
    expect(await chat.appoint(creator, creator.id, fan.id)).toEqual([
      { accountId: fan.id, displayName: fan.displayName, handle: null },
    ]);
    await chat.delete(fan, message.id);
    await chat.timeout(fan, streamId, other.id, 5);
    expect(await refusal(chat.ban(fan, streamId, creator.id, ''))).toBe(
      'ValidationError: The creator cannot be banned from their own chat',
    );
    expect(await chat.removeModerator(creator, creator.id, fan.id)).toEqual([]);
    expect(await refusal(chat.unban(fan, streamId, other.id))).toMatch(/^PermissionDeniedError/);
  });

  it('closes the chat when the stream has ended', async () => {
    const { streamId, fan } = await liveStream();
    await server.db
      .updateTable('live_streams')
      .set({ status: 'ended', ended_at: clock.now() })
      .where('id', '=', streamId)
      .execute();
    later();
    expect(await refusal(chat.send(fan, streamId, 'hello'))).toBe(
      'InvalidStateError: This stream has ended; its chat is closed',
    );
  });

  it('sends 100 taps in a second as one aggregated reactions event', async () => {
    const { streamId } = await liveStream();
    const fans = await Promise.all(Array.from({ length: 10 }, () => signUp(server, 'fan')));
    const watcher = fanout.subscribe(streamId, { moderator: false });
    later();
    await Promise.all(
      fans.flatMap(({ account }, f) =>
        Array.from({ length: 10 }, (_, i) =>
          reactions.react(account, streamId, (f + i) % 2 === 0 ? '🔥' : '❤️'),
        ),
      ),
    );
    reactions.flush(); // the per-second timer's work
    const seen = await eventsUntil(watcher, (events) => events.length > 0);
    expect(seen).toEqual([{ type: 'reactions', streamId, counts: { '🔥': 50, '❤️': 50 } }]);
  });

  it('cuts a flood of reactions from one fan', async () => {
    const { streamId, fan } = await liveStream();
    later();
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await refusal(reactions.react(fan, streamId, '👏')));
    expect(results.filter((r) => r === 'sent')).toHaveLength(20);
    expect(results.at(-1)).toMatch(/^RateLimitedError: Too many reactions; wait 1 second$/);
  });

  it('refuses a fan who cannot watch', async () => {
    const { fan } = await liveStream();
    await expect(chat.send(fan, newId(), 'hello')).rejects.toBeInstanceOf(NotFoundError);
  });
});
