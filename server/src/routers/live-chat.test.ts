import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import type { LiveEvent } from '@shared/domain/live/live-events';
import type { StreamDraft } from '@shared/domain/live/stream';
import {
  CARD_OK,
  person,
  streamDraft,
  ticketedDraft,
  type Person,
} from '../services/live/streams/test/live-fixtures';
import { PaymentRepository } from '../services/payments/payment-repository';
import { sandboxPaymentMethod, type SandboxRail } from '../adapters/payments/sandbox-rail';
import { codeOf, startTestServer, type ServerClient, type TestServer } from '../test/test-server';

let server: TestServer;
let creator: Person;

beforeAll(async () => {
  server = await startTestServer();
  creator = await person(server, 'creator');
});
afterAll(() => server.close());

async function newStream(draft: StreamDraft = streamDraft(), id = newId()): Promise<string> {
  const stream = await creator.client.live.create.mutate({ id, draft });
  return stream.id;
}

/** Follows a stream's events over WebSocket, as the fan web does; `until` resolves once `done` holds. */
function follow(client: ServerClient, streamId: string) {
  const events: LiveEvent[] = [];
  const batches: LiveEvent[][] = [];
  let error: unknown = null;
  let check = () => undefined as void;
  const subscription = client.liveChat.events.subscribe(
    { streamId },
    {
      onData: (batch) => {
        batches.push(batch);
        events.push(...batch);
        check();
      },
      onError: (err) => {
        error = err;
        check();
      },
    },
  );
  return {
    events,
    batches,
    get error() {
      return error;
    },
    until(done: (events: LiveEvent[]) => boolean, what = 'the events'): Promise<LiveEvent[]> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${what} did not arrive; saw ${JSON.stringify(events)}`)),
          10_000,
        );
        check = () => {
          if (done(events) || error) {
            clearTimeout(timer);
            resolve(events);
          }
        };
        check();
      });
    },
    stop: () => subscription.unsubscribe(),
  };
}

const ofType = <T extends LiveEvent['type']>(events: LiveEvent[], type: T) =>
  events.filter((e): e is Extract<LiveEvent, { type: T }> => e.type === type);

describe('liveChat over WebSocket', () => {
  it('carries a message from one fan to another’s events, as the very text sent', async () => {
    const streamId = await newStream();
    const [fan, other] = await Promise.all([person(server, 'fan'), person(server, 'fan')]);
    const watching = follow(other.client, streamId);
    await watching.until((events) => events.some((e) => e.type === 'viewers'), 'the first viewer count');
    const text = '<img src=x onerror=alert(1)> <script>alert("hi")</script> &lt;';
    const sent = await fan.client.liveChat.send.mutate({ streamId, text });
    const events = await watching.until((events) => ofType(events, 'message').length > 0);
    expect(ofType(events, 'message').map((e) => e.message)).toEqual([sent]);
    expect(sent).toMatchObject({ text, author: { id: fan.id }, kind: 'message' });
    const history = await server.client().liveChat.history.query({ streamId });
    expect(history.map((m) => m.text)).toEqual([text]);
    watching.stop();
  });

  it('announces a deleted message and leaves it out of fans’ history', async () => {
    const streamId = await newStream();
    const fan = await person(server, 'fan');
    const message = await fan.client.liveChat.send.mutate({ streamId, text: 'to be removed' });
    const watching = follow(fan.client, streamId);
    await watching.until((events) => events.length > 0);
    await expect(fan.client.liveChat.delete.mutate({ messageId: message.id }).catch(codeOf)).resolves.toBe(
      'FORBIDDEN',
    );
    await creator.client.liveChat.delete.mutate({ messageId: message.id });
    const events = await watching.until((events) => ofType(events, 'deleted').length > 0);
    expect(ofType(events, 'deleted')).toEqual([{ type: 'deleted', streamId, messageId: message.id }]);
    expect(await fan.client.liveChat.history.query({ streamId })).toEqual([]);
    expect((await creator.client.liveChat.history.query({ streamId }))[0]).toMatchObject({
      id: message.id,
      deletedAt: expect.any(String),
    });
    watching.stop();
  });

  it('refuses a 10 KB message, control characters and line breaks in words, and an anonymous sender', async () => {
    const streamId = await newStream();
    const fan = await person(server, 'fan');
    const refusal = (text: string) =>
      fan.client.liveChat.send.mutate({ streamId, text }).then(
        () => 'sent',
        (error: Error) => `${codeOf(error)}: ${error.message}`,
      );
    expect(await refusal('x'.repeat(10 * 1024))).toBe(
      'BAD_REQUEST: text: a chat message is at most 300 characters',
    );
    expect(await refusal('two\nlines')).toBe(
      'BAD_REQUEST: text: a chat message must be one line, without control characters',
    );
    expect(await refusal('bell\u0007')).toBe('BAD_REQUEST: text: must not contain control characters');
    await expect(server.client().liveChat.send.mutate({ streamId, text: 'hi' }).catch(codeOf)).resolves.toBe(
      'UNAUTHORIZED',
    );
    expect(await server.client().liveChat.history.query({ streamId })).toEqual([]);
  });

  it('cuts one fan’s flood with a clear error while another fan still chats', async () => {
    const streamId = await newStream();
    const [flooder, other] = await Promise.all([person(server, 'fan'), person(server, 'fan')]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        flooder.client.liveChat.send.mutate({ streamId, text: `flood ${i}` }).then(
          () => 'sent',
          (error: Error) => `${codeOf(error)}: ${error.message}`,
        ),
      ),
    );
    expect(answers.filter((a) => a === 'sent')).toHaveLength(5);
    expect(new Set(answers.filter((a) => a !== 'sent'))).toEqual(
      new Set([
        expect.stringMatching(/^TOO_MANY_REQUESTS: You are sending messages too fast; wait \d seconds?$/),
      ]),
    );
    await expect(
      other.client.liveChat.send.mutate({ streamId, text: 'I can still talk' }),
    ).resolves.toBeDefined();
  });

  it('keeps a gated stream’s events from a fan without a ticket; the creator also sees moderation', async () => {
    const id = newId();
    const streamId = await newStream(ticketedDraft(id), id);
    const [fan, buyer] = await Promise.all([person(server, 'fan'), person(server, 'fan')]);
    const locked = follow(fan.client, streamId);
    await locked.until(() => locked.error !== null, 'the refusal');
    expect(codeOf(locked.error)).toBe('FORBIDDEN');
    await expect(
      fan.client.liveChat.send.mutate({ streamId, text: 'let me in' }).catch(codeOf),
    ).resolves.toBe('FORBIDDEN');

    const asCreator = follow(creator.client, streamId);
    const asFan = follow(buyer.client, streamId);
    await Promise.all([asCreator.until((e) => e.length > 0), asFan.until((e) => e.length > 0)]);
    await creator.client.liveChat.timeout.mutate({ streamId, fanId: fan.id, minutes: 5 });
    await creator.client.liveChat.send.mutate({ streamId, text: 'after the timeout' });
    await asCreator.until((e) => ofType(e, 'message').length > 0);
    await asFan.until((e) => ofType(e, 'message').length > 0);
    expect(ofType(asCreator.events, 'moderation').map((e) => e.moderation)).toEqual([
      { action: 'timeout', fanId: fan.id, until: expect.any(String), by: creator.id },
    ]);
    expect(ofType(asFan.events, 'moderation')).toEqual([]);
    for (const s of [locked, asCreator, asFan]) s.stop();
  });

  it('passes the stream’s status from the streams service to its viewers', async () => {
    const streamId = await newStream();
    const fan = await person(server, 'fan');
    const watching = follow(fan.client, streamId);
    await watching.until((events) => events.length > 0);
    await creator.client.live.cancel.mutate({ id: streamId });
    const events = await watching.until((events) => ofType(events, 'status').length > 0, 'the status');
    expect(ofType(events, 'status').at(-1)).toMatchObject({ type: 'status', status: 'cancelled' });
    watching.stop();
  });

  it('lets an appointed moderator moderate, and a fan not', async () => {
    const streamId = await newStream();
    const [fan, moderator, troll] = await Promise.all([
      person(server, 'fan'),
      person(server, 'fan'),
      person(server, 'fan'),
    ]);
    await expect(fan.client.liveChat.ban.mutate({ streamId, fanId: troll.id }).catch(codeOf)).resolves.toBe(
      'FORBIDDEN',
    );
    await creator.client.liveChat.appointModerator.mutate({ accountId: moderator.id });
    expect(await creator.client.liveChat.moderators.query()).toEqual([
      { accountId: moderator.id, displayName: moderator.account.displayName, handle: null },
    ]);
    await moderator.client.liveChat.ban.mutate({ streamId, fanId: troll.id, reason: 'trolling' });
    const bansOf = async (fanId: string) =>
      (await creator.client.liveChat.bans.query()).filter((ban) => ban.fanId === fanId);
    expect(await bansOf(troll.id)).toEqual([
      expect.objectContaining({ fanId: troll.id, until: null, reason: 'trolling', by: moderator.id }),
    ]);
    await expect(
      troll.client.liveChat.send.mutate({ streamId, text: 'hi' }).catch((e: Error) => e.message),
    ).resolves.toBe('You are banned from this chat');
    await moderator.client.liveChat.unban.mutate({ streamId, fanId: troll.id });
    expect(await bansOf(troll.id)).toEqual([]);
    await expect(troll.client.liveChat.send.mutate({ streamId, text: 'sorry' })).resolves.toBeDefined();
  });

  it('holds fans to slow mode and blocked words, not the creator', async () => {
    const streamId = await newStream();
    const fan = await person(server, 'fan');
    await creator.client.liveChat.updateSettings.mutate({ slowModeSeconds: 60, blockedWords: ['Scam'] });
    try {
      expect(await creator.client.liveChat.settings.query()).toEqual({
        slowModeSeconds: 60,
        blockedWords: ['scam'],
      });
      await expect(
        fan.client.liveChat.send.mutate({ streamId, text: 'a SCAM!' }).catch((e: Error) => e.message),
      ).resolves.toBe('text: “scam” is not allowed in this chat; please rephrase');
      await fan.client.liveChat.send.mutate({ streamId, text: 'first' });
      await expect(
        fan.client.liveChat.send.mutate({ streamId, text: 'second' }).catch((e: Error) => e.message),
      ).resolves.toMatch(/^Slow mode is on: you can send again in (1 minute|\d+ seconds)$/);
      await creator.client.liveChat.send.mutate({ streamId, text: 'the creator is exempt' });
      await creator.client.liveChat.send.mutate({ streamId, text: 'still exempt' });
    } finally {
      await creator.client.liveChat.updateSettings.mutate({ slowModeSeconds: 0, blockedWords: [] });
    }
  });

  it('turns 100 taps within a second into aggregated reactions events, not 100 messages', async () => {
    const streamId = await newStream();
    const fans = await Promise.all(Array.from({ length: 10 }, () => person(server, 'fan')));
    const watching = follow(fans[0]!.client, streamId);
    await watching.until((events) => events.length > 0);
    await Promise.all(
      fans.flatMap((fan) =>
        Array.from({ length: 10 }, () => fan.client.liveChat.react.mutate({ streamId, reaction: '🔥' })),
      ),
    );
    const total = (events: LiveEvent[]) =>
      ofType(events, 'reactions').reduce((sum, e) => sum + (e.counts['🔥'] ?? 0), 0);
    const events = await watching.until((events) => total(events) >= 100, '100 reactions');
    expect(total(events)).toBe(100);
    // One event per second per stream: the taps straddle at most one flush.
    expect(ofType(events, 'reactions').length).toBeLessThanOrEqual(2);
    watching.stop();
  });

  it('shows a tip from the chat once, highlighted, even when its settlement is delivered twice', async () => {
    const streamId = await newStream();
    const fan = await person(server, 'fan');
    const watching = follow(creator.client, streamId);
    await watching.until((events) => events.length > 0);
    const payment = await fan.client.liveChat.tip.mutate({
      streamId,
      amount: '1234',
      currency: 'USD',
      message: 'For the <b>kiln</b>',
      paymentMethod: CARD_OK,
      idempotencyKey: newId(),
    });
    expect(payment).toMatchObject({ status: 'succeeded', amount: '1234' });
    await watching.until((events) => ofType(events, 'tip').length > 0, 'the tip');

    // The rail tells us again, twice at once; and the purpose runs again on the settled payment.
    const record = (await new PaymentRepository().findById(server.db, payment.paymentId))!;
    const succeeded = () =>
      server.services.payments.handleEvent({
        id: `evt_${newId()}`,
        occurredAt: new Date(),
        type: 'charge.succeeded',
        charge: record.railCharge!,
        amount: record.amount,
        metadata: { paymentId: record.id },
      });
    await Promise.all([succeeded(), succeeded()]);
    const purpose = server.services.tips.purpose();
    await server.db.transaction().execute((trx) => purpose.settled(trx, record));
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(ofType(watching.events, 'tip').map((e) => e.message)).toEqual([
      expect.objectContaining({
        kind: 'tip',
        streamId,
        text: 'For the <b>kiln</b>',
        author: expect.objectContaining({ id: fan.id }),
        tip: { currency: 'USD', amount: '1234' },
      }),
    ]);
    const history = await fan.client.liveChat.history.query({ streamId });
    expect(history.filter((m) => m.kind === 'tip')).toHaveLength(1);
    const tips = await server.db
      .selectFrom('tips')
      .select(['stream_id', 'amount'])
      .where('payment_id', '=', record.id)
      .execute();
    expect(tips).toEqual([{ stream_id: streamId, amount: '1234' }]);
    watching.stop();
  });

  it('writes no tip message for a tip whose card fails after being accepted', async () => {
    const streamId = await newStream();
    const fan = await person(server, 'fan');
    const payment = await fan.client.liveChat.tip.mutate({
      streamId,
      amount: '500',
      currency: 'USD',
      message: 'Never settles',
      paymentMethod: sandboxPaymentMethod('4000000000000119'),
      idempotencyKey: newId(),
    });
    expect(payment.status).toBe('pending');
    await (server.services.payments.rail as SandboxRail).settled();
    await expect(fan.client.payments.get.query({ paymentId: payment.paymentId })).resolves.toMatchObject({
      status: 'failed',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await fan.client.liveChat.history.query({ streamId })).toEqual([]);
  });
});
