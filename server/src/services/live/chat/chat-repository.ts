import { sql, type Selectable } from 'kysely';
import type { Currency } from '@shared/domain/money';
import type { ChatSettings } from '@shared/domain/live/chat-settings';
import type { ChatSettingsSnapshot } from '@shared/domain/live/stream-sync';
import type { ChatMessageView } from '@shared/domain/live/live-events';
import type { Queryable } from '../../../db/queryable';
import type { LiveChatSettingsTable } from '../../../db/schema';

export interface NewChatMessage {
  readonly id: string;
  readonly streamId: string;
  readonly authorId: string;
  readonly text: string;
  readonly at: Date;
}

export interface NewTipMessage extends NewChatMessage {
  readonly paymentId: string;
  readonly currency: Currency;
  readonly amount: bigint;
}

/** A stored message, with who wrote it. */
interface MessageRow {
  readonly id: string;
  readonly stream_id: string;
  readonly author_id: string;
  readonly kind: 'message' | 'tip';
  readonly text: string;
  readonly tip_currency: string | null;
  readonly tip_amount: string | null;
  readonly created_at: Date;
  readonly deleted_at: Date | null;
  readonly display_name: string | null;
  readonly handle: string | null;
}

function toView(row: MessageRow): ChatMessageView {
  return {
    id: row.id,
    streamId: row.stream_id,
    kind: row.kind,
    author: { id: row.author_id, displayName: row.display_name ?? 'Deleted account', handle: row.handle },
    text: row.text,
    tip:
      row.tip_currency !== null && row.tip_amount !== null
        ? { currency: row.tip_currency as Currency, amount: row.tip_amount }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    deletedAt: row.deleted_at ? new Date(row.deleted_at).toISOString() : null,
  };
}

/** What a fan's message is checked against: the creator's settings and the fan's ban or timeout. */
export interface SendTerms {
  readonly settings: ChatSettings;
  /** Banned: until when (null: until lifted); undefined: not banned. */
  readonly bannedUntil: Date | null | undefined;
}

/** A ban or timeout in force, as the creator's moderation list shows it. */
export interface ChatBan {
  readonly fanId: string;
  readonly displayName: string;
  readonly handle: string | null;
  /** ISO 8601 end of a timeout; null: banned until lifted. */
  readonly until: string | null;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface ChatModerator {
  readonly accountId: string;
  readonly displayName: string;
  readonly handle: string | null;
}

/** The chat's tables: `live_chat_messages`, `live_chat_settings`, `live_chat_moderators`, `live_chat_bans`. */
export class ChatRepository {
  async insertMessage(q: Queryable, m: NewChatMessage): Promise<void> {
    await q
      .insertInto('live_chat_messages')
      .values({
        id: m.id,
        stream_id: m.streamId,
        author_id: m.authorId,
        kind: 'message',
        text: m.text,
        created_at: m.at,
      })
      .execute();
  }

  /** Writes a tip's message once: false when this payment's message was written already. */
  async insertTipMessage(q: Queryable, m: NewTipMessage): Promise<boolean> {
    const written = await q
      .insertInto('live_chat_messages')
      .values({
        id: m.id,
        stream_id: m.streamId,
        author_id: m.authorId,
        kind: 'tip',
        text: m.text,
        tip_payment_id: m.paymentId,
        tip_currency: m.currency,
        tip_amount: m.amount.toString(),
        created_at: m.at,
      })
      .onConflict((oc) => oc.column('tip_payment_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return written !== undefined;
  }

  /** One message with its author, deleted or not. */
  async message(q: Queryable, id: string): Promise<ChatMessageView | undefined> {
    const row = await this.#messages(q).where('m.id', '=', id).executeTakeFirst();
    return row && toView(row);
  }

  /** The tip message of a payment, once its transaction committed. */
  async tipMessage(q: Queryable, paymentId: string): Promise<ChatMessageView | undefined> {
    const row = await this.#messages(q).where('m.tip_payment_id', '=', paymentId).executeTakeFirst();
    return row && toView(row);
  }

  /** Soft-deletes a message; false when it was deleted already (or is not there). */
  async deleteMessage(q: Queryable, id: string, by: string, at: Date): Promise<boolean> {
    const result = await q
      .updateTable('live_chat_messages')
      .set({ deleted_at: at, deleted_by: by })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The latest `limit` messages of a stream before the message `before` (null: the latest), newest first. */
  async history(
    q: Queryable,
    streamId: string,
    options: { readonly before: string | null; readonly limit: number; readonly withDeleted: boolean },
  ): Promise<ChatMessageView[]> {
    let query = this.#messages(q).where('m.stream_id', '=', streamId);
    // Ids are UUIDv7: in the order messages were written.
    if (options.before) query = query.where('m.id', '<', options.before);
    if (!options.withDeleted) query = query.where('m.deleted_at', 'is', null);
    const rows = await query.orderBy('m.id', 'desc').limit(options.limit).execute();
    return rows.map(toView);
  }

  async settings(q: Queryable, creatorId: string): Promise<ChatSettings | undefined> {
    const row = await q
      .selectFrom('live_chat_settings')
      .select(['slow_mode_seconds', 'blocked_words'])
      .where('creator_id', '=', creatorId)
      .executeTakeFirst();
    return row && { slowModeSeconds: row.slow_mode_seconds, blockedWords: row.blocked_words };
  }

  /** The creator's settings as the feed carries them, row-locked until the caller's transaction ends; undefined if never set. */
  async lockSettings(q: Queryable, creatorId: string): Promise<ChatSettingsSnapshot | undefined> {
    const row = await q
      .selectFrom('live_chat_settings')
      .selectAll()
      .where('creator_id', '=', creatorId)
      .forUpdate()
      .executeTakeFirst();
    return row && toSettingsSnapshot(row);
  }

  /** Writes the creator's settings (the first time, or over their row with its version +1) and answers them. */
  async saveSettings(
    q: Queryable,
    creatorId: string,
    settings: ChatSettings,
    at: Date,
  ): Promise<ChatSettingsSnapshot> {
    const values = {
      slow_mode_seconds: settings.slowModeSeconds,
      blocked_words: JSON.stringify(settings.blockedWords),
      updated_at: at,
    };
    const row = await q
      .insertInto('live_chat_settings')
      .values({ creator_id: creatorId, ...values })
      .onConflict((oc) =>
        oc.column('creator_id').doUpdateSet({ ...values, version: sql`live_chat_settings.version + 1` }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSettingsSnapshot(row);
  }

  /** The creator's settings and the fan's ban, in one round trip (every fan message asks). */
  async sendTerms(q: Queryable, creatorId: string, fanId: string): Promise<SendTerms> {
    const { rows } = await sql<{
      slow_mode_seconds: number | null;
      blocked_words: string[] | null;
      banned: boolean;
      until: Date | null;
    }>`
      SELECT s.slow_mode_seconds, s.blocked_words, b.fan_id IS NOT NULL AS banned, b.until
      FROM (SELECT 1) AS one
      LEFT JOIN live_chat_settings s ON s.creator_id = ${creatorId}
      LEFT JOIN live_chat_bans b ON b.creator_id = ${creatorId} AND b.fan_id = ${fanId}`.execute(q);
    const row = rows[0];
    return {
      settings: {
        slowModeSeconds: row?.slow_mode_seconds ?? 0,
        blockedWords: row?.blocked_words ?? [],
      },
      bannedUntil: row?.banned ? (row.until === null ? null : new Date(row.until)) : undefined,
    };
  }

  /** Bans a fan from a creator's chats until `until` (null: until lifted), replacing an earlier ban or timeout. */
  async ban(
    q: Queryable,
    ban: { creatorId: string; fanId: string; until: Date | null; reason: string; by: string; at: Date },
  ): Promise<void> {
    const values = { until: ban.until, reason: ban.reason, created_by: ban.by, created_at: ban.at };
    await q
      .insertInto('live_chat_bans')
      .values({ creator_id: ban.creatorId, fan_id: ban.fanId, ...values })
      .onConflict((oc) => oc.columns(['creator_id', 'fan_id']).doUpdateSet(values))
      .execute();
  }

  /** The bans and timeouts of a creator's chats still in force at `now`, newest first. */
  async bans(q: Queryable, creatorId: string, now: Date): Promise<ChatBan[]> {
    const rows = await q
      .selectFrom('live_chat_bans as b')
      .leftJoin('accounts as a', 'a.id', 'b.fan_id')
      .select([
        'b.fan_id',
        'a.display_name',
        'a.handle',
        'b.until',
        'b.reason',
        'b.created_by',
        'b.created_at',
      ])
      .where('b.creator_id', '=', creatorId)
      .where((eb) => eb.or([eb('b.until', 'is', null), eb('b.until', '>', now)]))
      .orderBy('b.created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      fanId: r.fan_id,
      displayName: r.display_name ?? 'Deleted account',
      handle: r.handle,
      until: r.until ? new Date(r.until).toISOString() : null,
      reason: r.reason,
      by: r.created_by,
      at: new Date(r.created_at).toISOString(),
    }));
  }

  async unban(q: Queryable, creatorId: string, fanId: string): Promise<boolean> {
    const result = await q
      .deleteFrom('live_chat_bans')
      .where('creator_id', '=', creatorId)
      .where('fan_id', '=', fanId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async moderators(q: Queryable, creatorId: string): Promise<ChatModerator[]> {
    const rows = await q
      .selectFrom('live_chat_moderators as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select(['m.account_id', 'a.display_name', 'a.handle'])
      .where('m.creator_id', '=', creatorId)
      .orderBy('m.created_at')
      .execute();
    return rows.map((r) => ({ accountId: r.account_id, displayName: r.display_name, handle: r.handle }));
  }

  async isModerator(q: Queryable, creatorId: string, accountId: string): Promise<boolean> {
    const row = await q
      .selectFrom('live_chat_moderators')
      .select('account_id')
      .where('creator_id', '=', creatorId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async appoint(q: Queryable, creatorId: string, accountId: string, at: Date): Promise<void> {
    await q
      .insertInto('live_chat_moderators')
      .values({ creator_id: creatorId, account_id: accountId, created_at: at })
      .onConflict((oc) => oc.columns(['creator_id', 'account_id']).doNothing())
      .execute();
  }

  async removeModerator(q: Queryable, creatorId: string, accountId: string): Promise<void> {
    await q
      .deleteFrom('live_chat_moderators')
      .where('creator_id', '=', creatorId)
      .where('account_id', '=', accountId)
      .execute();
  }

  /** An account as the chat names it (an author, a moderator), or undefined. */
  async account(q: Queryable, id: string) {
    return q
      .selectFrom('accounts')
      .select(['id', 'display_name', 'handle', 'role'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  #messages(q: Queryable) {
    return q
      .selectFrom('live_chat_messages as m')
      .leftJoin('accounts as a', 'a.id', 'm.author_id')
      .select([
        'm.id',
        'm.stream_id',
        'm.author_id',
        'm.kind',
        'm.text',
        'm.tip_currency',
        'm.tip_amount',
        'm.created_at',
        'm.deleted_at',
        'a.display_name',
        'a.handle',
      ]);
  }
}

function toSettingsSnapshot(row: Selectable<LiveChatSettingsTable>): ChatSettingsSnapshot {
  return {
    creatorId: row.creator_id,
    slowModeSeconds: row.slow_mode_seconds,
    blockedWords: row.blocked_words,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}
