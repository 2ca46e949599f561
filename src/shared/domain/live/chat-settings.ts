import { z } from 'zod';
import { blockedWordsSchema } from './chat-words';

/** The longest slow mode: an hour between one fan's messages. */
export const SLOW_MODE_MAX_SECONDS = 3600;

/** A creator's chat settings, for all their streams. */
export const chatSettingsSchema = z.object({
  /** Seconds a fan waits between two messages (0: off). The creator and moderators are exempt. */
  slowModeSeconds: z
    .number('slow mode must be a number of seconds')
    .int('slow mode is a whole number of seconds')
    .min(0, 'slow mode cannot be negative')
    .max(SLOW_MODE_MAX_SECONDS, `slow mode is at most ${SLOW_MODE_MAX_SECONDS} seconds`),
  blockedWords: blockedWordsSchema,
});
export type ChatSettings = z.output<typeof chatSettingsSchema>;

export const DEFAULT_CHAT_SETTINGS: ChatSettings = { slowModeSeconds: 0, blockedWords: [] };

/** The longest timeout a moderator can give: a week, in minutes (longer is a ban). */
export const CHAT_TIMEOUT_MAX_MINUTES = 7 * 24 * 60;

/**
 * Milliseconds `fan` still has to wait under slow mode, having last sent at `lastSentMs` (null: never); 0 when
 * they may send now.
 */
export function slowModeWaitMs(slowModeSeconds: number, lastSentMs: number | null, nowMs: number): number {
  if (slowModeSeconds <= 0 || lastSentMs === null) return 0;
  return Math.max(0, lastSentMs + slowModeSeconds * 1000 - nowMs);
}
