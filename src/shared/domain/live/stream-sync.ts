import { z } from 'zod';
import type { AccessRule } from '../access/rule';
import { mutableKind } from '../sync/kind';
import type { Mutation } from '../sync/protocol';
import { chatSettingsSchema, DEFAULT_CHAT_SETTINGS, type ChatSettings } from './chat-settings';
import { streamDraftSchema, type StreamStatus, type TicketPrice } from './stream';

const baseVersionSchema = z
  .number('baseVersion is the version the change was based on')
  .int('baseVersion is a whole number')
  .nonnegative('baseVersion cannot be negative');

/** A stream as the change feed carries it and a conflict hands back: the creator's fields and where it stands. */
export interface StreamSnapshot {
  readonly id: string;
  readonly creatorId: string;
  readonly title: string;
  readonly accessRule: AccessRule;
  readonly ticketPrice: TicketPrice | null;
  /** ISO 8601, or null: whenever the creator goes live. */
  readonly scheduledFor: string | null;
  readonly status: StreamStatus;
  /** Server version: 1 once created, +1 on every change (the lifecycle's included). */
  readonly version: number;
  readonly updatedAt: string;
}

/**
 * The changes the studio may ask for on a stream it plans (offline or online), with the id it made: create it,
 * edit its fields over the version it was based on, or call it off (also over its base: a stream edited
 * elsewhere meanwhile is a conflict for the creator to settle, not cancelled blind). Going live and ending stay
 * online calls (`live.goLive`, `live.end`): they hand out a key and cut a publisher.
 */
export const streamChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('create'), draft: streamDraftSchema }),
  z.object({ type: z.literal('update'), baseVersion: baseVersionSchema, draft: streamDraftSchema }),
  z.object({ type: z.literal('cancel'), baseVersion: baseVersionSchema }),
]);
export type StreamChange = z.infer<typeof streamChangeSchema>;
export type StreamMutation = Mutation<StreamChange>;

/** Live streams: planned, edited and cancelled in the studio (offline or online) and on the web. */
export const STREAM_KIND = mutableKind('live_stream', streamChangeSchema);

/**
 * A creator's chat settings (slow mode, blocked words) as the feed carries them. A creator has one set, for
 * all their streams (`live_chat_settings` is keyed by creator): the entity id is the creator's account id, as
 * for tip settings.
 */
export interface ChatSettingsSnapshot extends ChatSettings {
  readonly creatorId: string;
  /** Server version, +1 on every accepted change; 0 for settings never set. */
  readonly version: number;
  readonly updatedAt: string | null;
}

/** The one change the studio asks for: the whole settings over the version they were based on. */
export const chatSettingsChangeSchema = z.object({
  type: z.literal('update'),
  baseVersion: baseVersionSchema,
  settings: chatSettingsSchema,
});
export type ChatSettingsChange = z.infer<typeof chatSettingsChangeSchema>;
export type ChatSettingsMutation = Mutation<ChatSettingsChange>;

/** Chat settings: edited in the studio, offline or online, and on the web; the entity id is the creator's id. */
export const CHAT_SETTINGS_KIND = mutableKind('chat_settings', chatSettingsChangeSchema);

/** The settings of a creator who never set them. */
export function defaultChatSettings(creatorId: string): ChatSettingsSnapshot {
  return {
    creatorId,
    slowModeSeconds: DEFAULT_CHAT_SETTINGS.slowModeSeconds,
    blockedWords: [...DEFAULT_CHAT_SETTINGS.blockedWords],
    version: 0,
    updatedAt: null,
  };
}
