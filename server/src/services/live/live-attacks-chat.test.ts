import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { STREAM_CHAT_RATE } from '@shared/domain/live/chat-rate-limit';
import { codeOf, startTestServer, type TestServer } from '../../test/test-server';
import { DEFAULT_SUBSCRIBER_CAPS, type LiveSubscription } from './chat/live-fanout';
import { CARD_OK, person, streamDraft, type Person } from './streams/test/live-fixtures';

/**
 * The chat findings of the live review (issue 17), each kept as a regression test over the real HTTP API:
 * what a banned or timed-out fan, a blocked word in disguise, a subscription hoarder and a crowd of fresh
 * accounts could do before, and the state each refusal protects. The clock stands still unless a test moves
 * it, so rate limits count exactly.
 */
const clock = new ManualClock(new Date('2026-12-03T12:00:00Z'));
let server: TestServer;
let owner: Person;

beforeAll(async () => {
  server = await startTestServer({ clock });
  owner = await person(server, 'creator');
});
afterAll(() => server.close());

/** The tRPC code a call was refused with, or 'ANSWERED' when it went through. */
const refusedWith = (call: Promise<unknown>) => call.then(() => 'ANSWERED', codeOf);
/** The message a call was refused with, or 'ANSWERED'. */
const refusalOf = (call: Promise<unknown>) =>
  call.then(
    () => 'ANSWERED',
    (error: Error) => error.message,
  );

const tipFrom = (fan: Person, streamId: string, message: string) =>
  fan.client.liveChat.tip.mutate({
    streamId,
    amount: '100',
    currency: 'USD',
    message,
    paymentMethod: CARD_OK,
    idempotencyKey: newId(),
  });

async function blockWords(...blockedWords: string[]): Promise<void> {
  await owner.client.liveChat.updateSettings.mutate({ slowModeSeconds: 0, blockedWords });
}

describe('a fan kept out of the chat', () => {
  it('cannot tip into it or react once banned, and is told so; nothing is charged', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const banned = await person(server, 'fan');
    await owner.client.liveChat.ban.mutate({ streamId: stream.id, fanId: banned.id, reason: 'abuse' });

    expect(await refusedWith(tipFrom(banned, stream.id, 'you cannot silence me'))).toBe('FORBIDDEN');
    expect(await refusedWith(tipFrom(banned, stream.id, ''))).toBe('FORBIDDEN');
    expect(await refusalOf(tipFrom(banned, stream.id, 'again'))).toBe('You are banned from this chat');
    expect(
      await refusedWith(banned.client.liveChat.react.mutate({ streamId: stream.id, reaction: '🔥' })),
    ).toBe('FORBIDDEN');
    expect((await banned.client.payments.mine.query()).receipts).toEqual([]);
    const history = await server.client().liveChat.history.query({ streamId: stream.id });
    expect(history.filter((message) => message.author.id === banned.id)).toEqual([]);
  });

  it('cannot tip into it or react while timed out, and may again once the timeout is over', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const fan = await person(server, 'fan');
    await owner.client.liveChat.timeout.mutate({ streamId: stream.id, fanId: fan.id, minutes: 5 });

    expect(await refusalOf(tipFrom(fan, stream.id, 'hi'))).toBe(
      'You are timed out of this chat for 5 minutes more',
    );
    expect(await refusedWith(fan.client.liveChat.react.mutate({ streamId: stream.id, reaction: '🔥' }))).toBe(
      'FORBIDDEN',
    );
    expect((await fan.client.payments.mine.query()).receipts).toEqual([]);

    clock.advance(5 * 60_000 + 1);
    expect(await refusedWith(fan.client.liveChat.react.mutate({ streamId: stream.id, reaction: '🔥' }))).toBe(
      'ANSWERED',
    );
    expect(await refusedWith(tipFrom(fan, stream.id, 'back again'))).toBe('ANSWERED');
  });
});

describe('blocked words and invisible characters', () => {
  it('refuses a blocked word in a tip’s message, naming the word, and charges nothing', async () => {
    await blockWords('scam');
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const tipper = await person(server, 'fan');
    expect(await refusedWith(tipFrom(tipper, stream.id, 'this is a SCAM'))).toBe('BAD_REQUEST');
    expect(await refusalOf(tipFrom(tipper, stream.id, 'scam'))).toBe(
      'message: “scam” is not allowed in this chat; please rephrase',
    );
    expect((await tipper.client.payments.mine.query()).receipts).toEqual([]);
    // The creator's own words are theirs: a tip without the word goes through.
    expect(await refusedWith(tipFrom(tipper, stream.id, 'great show'))).toBe('ANSWERED');
    await blockWords();
  });

  it('finds a blocked word split by a zero-width space, soft hyphen or word joiner, in messages and tips', async () => {
    await blockWords('scam');
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const sender = await person(server, 'fan');
    for (const text of ['sc\u200Bam', 'sc\u00ADam', 'sc\u2060am']) {
      expect(await refusalOf(sender.client.liveChat.send.mutate({ streamId: stream.id, text }))).toMatch(
        /“scam” is not allowed/,
      );
      expect(await refusedWith(tipFrom(sender, stream.id, text))).toBe('BAD_REQUEST');
    }
    expect(await server.client().liveChat.history.query({ streamId: stream.id })).toEqual([]);
    await blockWords();
  });

  it('refuses bidi overrides and messages of invisible characters only, in messages and tips', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const sender = await person(server, 'fan');
    for (const text of ['\u202Egnp.exe', '\u200B\u200B\u200B', '\u2066hidden\u2069']) {
      expect(await refusedWith(sender.client.liveChat.send.mutate({ streamId: stream.id, text }))).toBe(
        'BAD_REQUEST',
      );
      expect(await refusedWith(tipFrom(sender, stream.id, text))).toBe('BAD_REQUEST');
    }
    expect(await refusalOf(tipFrom(sender, stream.id, '\u202Egnp.exe'))).toBe(
      'message: a chat message must not contain text direction controls',
    );
    expect(
      await refusalOf(sender.client.liveChat.send.mutate({ streamId: stream.id, text: '\u200B' })),
    ).toMatch(/a chat message must have visible text/);
    expect(await server.client().liveChat.history.query({ streamId: stream.id })).toEqual([]);
    expect((await sender.client.payments.mine.query()).receipts).toEqual([]);
  });
});

describe('live event subscriptions', () => {
  it('one account keeps at most 5 open on a stream and 20 in all; closing one frees its place', async () => {
    const fan = await person(server, 'fan');
    const { perStream, total } = DEFAULT_SUBSCRIBER_CAPS;
    const streams = await Promise.all(
      Array.from({ length: Math.ceil(total / perStream) + 1 }, () =>
        owner.client.live.create.mutate({ draft: streamDraft() }),
      ),
    );
    const follow = (streamId: string) => server.services.live.chat.follow(fan.id, streamId);
    const opened: LiveSubscription[] = [];
    try {
      for (let i = 0; i < perStream; i++) opened.push((await follow(streams[0]!.id)).subscription);
      await expect(follow(streams[0]!.id)).rejects.toThrow(
        'You have this stream open 5 times already; close a tab or window and try again',
      );
      for (const stream of streams.slice(1, -1)) {
        for (let i = 0; i < perStream; i++) opened.push((await follow(stream.id)).subscription);
      }
      expect(opened).toHaveLength(total);
      await expect(follow(streams.at(-1)!.id)).rejects.toThrow(
        'You are following live events in 20 places already; close a tab or window and try again',
      );
      opened.shift()?.close();
      opened.push((await follow(streams[0]!.id)).subscription);
      // Another account is not held back by this one's.
      const other = await server.services.live.chat.follow(owner.id, streams[0]!.id);
      other.subscription.close();
    } finally {
      opened.forEach((subscription) => subscription.close());
    }
  });

  it('an anonymous connection is capped as an account is; another connection is not held back', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const connection = {};
    const follow = (from: object) => server.services.live.chat.follow(null, stream.id, undefined, from);
    const opened: LiveSubscription[] = [];
    try {
      for (let i = 0; i < DEFAULT_SUBSCRIBER_CAPS.perStream; i++) {
        opened.push((await follow(connection)).subscription);
      }
      await expect(follow(connection)).rejects.toThrow(/open 5 times already/);
      opened.push((await follow({})).subscription);
    } finally {
      opened.forEach((subscription) => subscription.close());
    }
  });

  it('refuses the sixth subscription over the WebSocket with TOO_MANY_REQUESTS', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const fan = await person(server, 'fan');
    const held: LiveSubscription[] = [];
    try {
      for (let i = 0; i < DEFAULT_SUBSCRIBER_CAPS.perStream; i++) {
        held.push((await server.services.live.chat.follow(fan.id, stream.id)).subscription);
      }
      const refusal = await new Promise<unknown>((resolve) => {
        const sub = fan.client.liveChat.events.subscribe(
          { streamId: stream.id },
          {
            onData: () => resolve('DATA'),
            onError: (error) => {
              sub.unsubscribe();
              resolve(error);
            },
          },
        );
      });
      expect(codeOf(refusal)).toBe('TOO_MANY_REQUESTS');
    } finally {
      held.forEach((subscription) => subscription.close());
    }
  });
});

describe('a crowd in one stream’s chat', () => {
  it('40 fresh accounts sending 5 messages each at once get 40 through; the rest are told the chat is busy', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const bots = await Promise.all(Array.from({ length: 40 }, () => person(server, 'fan')));
    const results = await Promise.all(
      bots.flatMap((bot) =>
        Array.from({ length: 5 }, (_, i) =>
          refusalOf(bot.client.liveChat.send.mutate({ streamId: stream.id, text: `spam ${i}` })),
        ),
      ),
    );
    expect(results.filter((r) => r === 'ANSWERED')).toHaveLength(STREAM_CHAT_RATE.burst);
    expect(new Set(results.filter((r) => r !== 'ANSWERED'))).toEqual(
      new Set(['The chat is busy: try again in a moment']),
    );
    const history = await server.client().liveChat.history.query({ streamId: stream.id, limit: 100 });
    expect(history).toHaveLength(STREAM_CHAT_RATE.burst);

    // The creator is not held back by the crowd; a fan is once the allowance comes back (20 a second).
    expect(
      await refusedWith(owner.client.liveChat.send.mutate({ streamId: stream.id, text: 'calm down' })),
    ).toBe('ANSWERED');
    expect(
      await refusedWith(bots[0]!.client.liveChat.send.mutate({ streamId: stream.id, text: 'sorry' })),
    ).toBe('TOO_MANY_REQUESTS');
    clock.advance(60_000);
    expect(
      await refusedWith(bots[0]!.client.liveChat.send.mutate({ streamId: stream.id, text: 'sorry' })),
    ).toBe('ANSWERED');
    // Another stream's chat was never affected.
    const quiet = await owner.client.live.create.mutate({ draft: streamDraft() });
    expect(
      await refusedWith(bots[1]!.client.liveChat.send.mutate({ streamId: quiet.id, text: 'hello' })),
    ).toBe('ANSWERED');
  }, 120_000);
});
