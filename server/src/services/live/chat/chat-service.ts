import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import {
  InvalidStateError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitedError,
  ValidationError,
} from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { chatTextProblem } from '@shared/domain/live/chat-message';
import { CHAT_RATE, STREAM_CHAT_RATE } from '@shared/domain/live/chat-rate-limit';
import { DEFAULT_CHAT_SETTINGS, type ChatSettings } from '@shared/domain/live/chat-settings';
import { findBlockedWord } from '@shared/domain/live/chat-words';
import {
  CHAT_SETTINGS_KIND,
  defaultChatSettings,
  type ChatSettingsSnapshot,
} from '@shared/domain/live/stream-sync';
import { StaleVersionError } from '@shared/domain/sync/kind';
import { streamEventsChannel, type ChatMessageView, type LiveEvent } from '@shared/domain/live/live-events';
import { describeWait } from '@shared/domain/wait-text';
import type { PubSub } from '../../../adapters/pubsub';
import type { Database } from '../../../db/schema';
import type { ActingForPolicy } from '../../access/acting-for';
import type { AccountView } from '../../accounts/account-service';
import type { ChangeFeed } from '../../sync/change-feed';
import type { StreamAccess, WatchableStream } from '../stream-access';
import { RateLimiter, SlowModeClock } from './chat-limits';
import type { ChatBan, ChatModerator, ChatRepository } from './chat-repository';

export interface ChatServiceDeps {
  readonly db: Kysely<Database>;
  readonly chats: ChatRepository;
  readonly access: StreamAccess;
  readonly actingFor: ActingForPolicy;
  readonly pubsub: PubSub;
  /** Settings changes append to the creator's change feed (the studio edits them offline too). */
  readonly feed: ChangeFeed;
  readonly clock: Clock;
}

/** The settings after a change, and the seq it appended to the creator's feed. */
export interface ChatSettingsOutcome {
  readonly settings: ChatSettingsSnapshot;
  readonly seq: number;
}

/** The chat of a stream as its viewer may use it. */
export interface ChatSeat {
  readonly stream: WatchableStream;
  /** The creator, someone acting for them, or an appointed moderator. */
  readonly moderator: boolean;
}

/**
 * A stream's chat: fans who may watch send messages (rate-limited, slow mode, blocked words, bans and
 * timeouts); the creator and moderators delete messages, time fans out and ban them; the creator appoints
 * moderators and sets slow mode and blocked words. Every change is stored, then published on the stream's
 * channel for the fan-out. Text is stored and sent as typed: it is plain text, never HTML.
 */
export class ChatService {
  readonly #rate = new RateLimiter(CHAT_RATE);
  /** All fans of a stream together: thousands of fresh accounts each under their own limit still flood it. */
  readonly #streamRate = new RateLimiter(STREAM_CHAT_RATE);
  readonly #slowMode = new SlowModeClock();

  constructor(private readonly deps: ChatServiceDeps) {}

  /** The stream when `viewerId` may watch it (its chat included), and whether they moderate it. */
  async seat(viewerId: string | null, streamId: string): Promise<ChatSeat> {
    const stream = await this.deps.access.requireWatcher(viewerId, streamId);
    const moderator = viewerId !== null && (await this.deps.access.isModerator(viewerId, stream));
    return { stream, moderator };
  }

  /** Sends a message to a stream's chat; refused in words when a rule holds it back. */
  async send(author: AccountView, streamId: string, text: string): Promise<ChatMessageView> {
    const { stream, moderator } = await this.seat(author.id, streamId);
    assertChatOpen(stream);
    const nowMs = this.deps.clock.now().getTime();
    const rateWait = this.#rate.take(author.id, nowMs);
    if (rateWait > 0) {
      throw new RateLimitedError(
        `You are sending messages too fast; wait ${describeWait(rateWait / 1000)}`,
        Math.ceil(rateWait / 1000),
      );
    }
    if (!moderator) {
      const settings = await this.assertMaySpeak(stream, author.id, text);
      const slowWait = this.#slowMode.waitMs(streamId, author.id, settings.slowModeSeconds, nowMs);
      if (slowWait > 0) {
        throw new RateLimitedError(
          `Slow mode is on: you can send again in ${describeWait(slowWait / 1000)}`,
          Math.ceil(slowWait / 1000),
        );
      }
      const busyWait = this.#streamRate.take(streamId, nowMs);
      if (busyWait > 0) {
        throw new RateLimitedError('The chat is busy: try again in a moment', Math.ceil(busyWait / 1000));
      }
    }
    const at = this.deps.clock.now();
    const message: ChatMessageView = {
      id: newId(),
      streamId,
      kind: 'message',
      author: { id: author.id, displayName: author.displayName, handle: author.handle },
      text,
      tip: null,
      createdAt: at.toISOString(),
      deletedAt: null,
    };
    await this.deps.chats.insertMessage(this.deps.db, {
      id: message.id,
      streamId,
      authorId: author.id,
      text,
      at,
    });
    this.#slowMode.sent(streamId, author.id, nowMs);
    this.#publish(streamId, { type: 'message', message });
    return message;
  }

  /**
   * Refuses, in words, a fan who may not speak in the stream's chat now, by message, tip or reaction: banned
   * or timed out (FORBIDDEN), or whose `text` (null: a reaction) uses a blocked word or cannot be shown
   * (refused as the input `field`). Call it for fans only: the creator and moderators always may. Answers
   * the chat's settings.
   */
  async assertMaySpeak(
    stream: WatchableStream,
    fanId: string,
    text: string | null,
    field = 'text',
  ): Promise<ChatSettings> {
    const terms = await this.deps.chats.sendTerms(this.deps.db, stream.creatorId, fanId);
    this.#assertNotBanned(terms.bannedUntil);
    if (text !== null) {
      const problem = chatTextProblem(text);
      if (problem !== null) throw new ValidationError(problem, field);
      const blocked = findBlockedWord(text, new Set(terms.settings.blockedWords));
      if (blocked !== null) {
        throw new ValidationError(`“${blocked}” is not allowed in this chat; please rephrase`, field);
      }
    }
    return terms.settings;
  }

  /** A moderator removes a message: gone from fans' history, and announced so viewers drop it. */
  async delete(actor: AccountView, messageId: string): Promise<void> {
    const message = await this.deps.chats.message(this.deps.db, messageId);
    if (!message) throw new NotFoundError('No such chat message');
    await this.#requireModerator(actor, message.streamId, 'delete messages');
    const deleted = await this.deps.chats.deleteMessage(
      this.deps.db,
      messageId,
      actor.id,
      this.deps.clock.now(),
    );
    if (deleted) this.#publish(message.streamId, { type: 'deleted', streamId: message.streamId, messageId });
  }

  /** A moderator keeps a fan out of the creator's chats for `minutes`. */
  async timeout(actor: AccountView, streamId: string, fanId: string, minutes: number): Promise<void> {
    const until = new Date(this.deps.clock.now().getTime() + minutes * 60_000);
    await this.#ban(actor, streamId, fanId, until, '');
  }

  /** A moderator bans a fan from the creator's chats until unbanned. */
  async ban(actor: AccountView, streamId: string, fanId: string, reason: string): Promise<void> {
    await this.#ban(actor, streamId, fanId, null, reason);
  }

  /** A moderator lifts a fan's ban or timeout. */
  async unban(actor: AccountView, streamId: string, fanId: string): Promise<void> {
    const stream = await this.#requireModerator(actor, streamId, 'lift bans');
    if (await this.deps.chats.unban(this.deps.db, stream.creatorId, fanId)) {
      this.#publish(streamId, {
        type: 'moderation',
        streamId,
        moderation: { action: 'unban', fanId, until: null, by: actor.id },
      });
    }
  }

  /** The latest messages of a stream, before a message (older pages); deleted ones only for moderators. */
  async history(
    viewerId: string | null,
    streamId: string,
    page: { readonly before: string | null; readonly limit: number },
  ): Promise<ChatMessageView[]> {
    const { moderator } = await this.seat(viewerId, streamId);
    return this.deps.chats.history(this.deps.db, streamId, { ...page, withDeleted: moderator });
  }

  /** The bans and timeouts in force in the creator's chats (the studio's moderation list). */
  async bans(actor: AccountView, creatorId: string): Promise<ChatBan[]> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    return this.deps.chats.bans(this.deps.db, creatorId, this.deps.clock.now());
  }

  async moderators(actor: AccountView, creatorId: string): Promise<ChatModerator[]> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    return this.deps.chats.moderators(this.deps.db, creatorId);
  }

  /** The creator makes an account a moderator of all their streams' chats. */
  async appoint(actor: AccountView, creatorId: string, accountId: string): Promise<ChatModerator[]> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    if (accountId === creatorId) throw new ValidationError('You run your own chat already', 'accountId');
    const account = await this.deps.chats.account(this.deps.db, accountId);
    if (!account) throw new NotFoundError('No such account');
    await this.deps.chats.appoint(this.deps.db, creatorId, accountId, this.deps.clock.now());
    return this.deps.chats.moderators(this.deps.db, creatorId);
  }

  async removeModerator(actor: AccountView, creatorId: string, accountId: string): Promise<ChatModerator[]> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    await this.deps.chats.removeModerator(this.deps.db, creatorId, accountId);
    return this.deps.chats.moderators(this.deps.db, creatorId);
  }

  async settings(actor: AccountView, creatorId: string): Promise<ChatSettings> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    return (await this.deps.chats.settings(this.deps.db, creatorId)) ?? DEFAULT_CHAT_SETTINGS;
  }

  /** Replaces the creator's settings over whatever version they have (the web edits the latest). */
  async updateSettings(actor: AccountView, creatorId: string, settings: ChatSettings): Promise<ChatSettings> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    const { seq } = await this.deps.db
      .transaction()
      .execute((trx) => this.updateSettingsIn(trx, creatorId, settings, null, null));
    this.deps.feed.announce(creatorId, seq);
    return settings;
  }

  /**
   * Replaces the creator's settings inside the caller's transaction, for an actor already authorized, if they
   * are still at `baseVersion` (null: any; 0: never set); a StaleVersionError with the server's settings
   * otherwise. Appends to the creator's feed; the caller announces after commit.
   */
  async updateSettingsIn(
    trx: Transaction<Database>,
    creatorId: string,
    settings: ChatSettings,
    baseVersion: number | null,
    mutationId: string | null,
  ): Promise<ChatSettingsOutcome> {
    const current = (await this.deps.chats.lockSettings(trx, creatorId)) ?? defaultChatSettings(creatorId);
    if (baseVersion !== null && current.version !== baseVersion) {
      throw new StaleVersionError(current, 'chat settings', current.version);
    }
    const saved = await this.deps.chats.saveSettings(trx, creatorId, settings, this.deps.clock.now());
    const seq = await this.deps.feed.append(
      trx,
      creatorId,
      { entity: CHAT_SETTINGS_KIND.entity, op: 'upsert', id: creatorId, data: saved },
      mutationId,
    );
    return { settings: saved, seq };
  }

  /** Publishes an event on a stream's channel (the fan-out of every instance delivers it). */
  publish(streamId: string, event: LiveEvent): void {
    this.#publish(streamId, event);
  }

  async #ban(actor: AccountView, streamId: string, fanId: string, until: Date | null, reason: string) {
    const stream = await this.#requireModerator(actor, streamId, until ? 'time fans out' : 'ban fans');
    if (fanId === stream.creatorId)
      throw new ValidationError('The creator cannot be banned from their own chat', 'fanId');
    if (fanId === actor.id) throw new ValidationError('You cannot ban yourself', 'fanId');
    if (await this.deps.access.isModerator(fanId, stream)) {
      throw new ValidationError('This account is a moderator; remove them as moderator first', 'fanId');
    }
    await this.deps.chats.ban(this.deps.db, {
      creatorId: stream.creatorId,
      fanId,
      until,
      reason,
      by: actor.id,
      at: this.deps.clock.now(),
    });
    this.#publish(streamId, {
      type: 'moderation',
      streamId,
      moderation: {
        action: until ? 'timeout' : 'ban',
        fanId,
        until: until?.toISOString() ?? null,
        by: actor.id,
      },
    });
  }

  async #requireModerator(actor: AccountView, streamId: string, what: string): Promise<WatchableStream> {
    const { stream, moderator } = await this.seat(actor.id, streamId);
    if (!moderator) throw new PermissionDeniedError(`Only the creator and their moderators can ${what}`);
    return stream;
  }

  #assertNotBanned(bannedUntil: Date | null | undefined): void {
    if (bannedUntil === undefined) return;
    if (bannedUntil === null) throw new PermissionDeniedError('You are banned from this chat');
    const leftMs = bannedUntil.getTime() - this.deps.clock.now().getTime();
    if (leftMs > 0) {
      throw new PermissionDeniedError(
        `You are timed out of this chat for ${describeWait(leftMs / 1000)} more`,
      );
    }
  }

  #publish(streamId: string, event: LiveEvent): void {
    this.deps.pubsub.publish(streamEventsChannel(streamId), event);
  }
}

/** A stream's chat takes messages until the stream ends (fans chat while waiting for it to start). */
export function assertChatOpen(stream: WatchableStream): void {
  if (stream.status === 'ended') throw new InvalidStateError('This stream has ended; its chat is closed');
  if (stream.status === 'cancelled')
    throw new InvalidStateError('This stream was cancelled; its chat is closed');
}
