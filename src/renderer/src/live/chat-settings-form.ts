import {
  chatSettingsSchema,
  SLOW_MODE_MAX_SECONDS,
  type ChatSettings,
} from '@shared/domain/live/chat-settings';
import type { ConflictSide } from '../shell/SyncConflict';
import { blockedWordsOf } from './live-plans';

/** The chat settings form as typed. */
export interface ChatSettingsForm {
  /** Seconds between one fan's messages, as typed; 0 is off. */
  readonly slowMode: string;
  /** Blocked words as typed: spaces, commas or new lines between them. */
  readonly words: string;
}

export type ChatSettingsFormErrors = Partial<Record<keyof ChatSettingsForm, string>>;

export type ChatSettingsFormCheck =
  | { readonly ok: true; readonly settings: ChatSettings }
  | { readonly ok: false; readonly errors: ChatSettingsFormErrors };

/** Stored settings as the form shows them. */
export function chatSettingsFormOf(settings: ChatSettings): ChatSettingsForm {
  return { slowMode: String(settings.slowModeSeconds), words: settings.blockedWords.join(' ') };
}

/** Whether two forms say the same (a newer copy that says what the creator already has is no news). */
export function sameChatSettingsForm(a: ChatSettingsForm, b: ChatSettingsForm): boolean {
  return (
    a.slowMode.trim() === b.slowMode.trim() &&
    blockedWordsOf(a.words).join(' ') === blockedWordsOf(b.words).join(' ')
  );
}

/**
 * The form as settings the studio takes (it checks them again with the same shared rules), or a sentence
 * under each field that is wrong.
 */
export function checkChatSettingsForm(form: ChatSettingsForm): ChatSettingsFormCheck {
  const errors: { -readonly [K in keyof ChatSettingsForm]?: string } = {};
  const typed = form.slowMode.trim();
  const seconds = /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
  if (!(seconds <= SLOW_MODE_MAX_SECONDS)) {
    errors.slowMode = `Slow mode is a whole number of seconds from 0 (off) to ${SLOW_MODE_MAX_SECONDS}.`;
  }
  const parsed = chatSettingsSchema.shape.blockedWords.safeParse(blockedWordsOf(form.words));
  if (!parsed.success) errors.words = `${capitalised(parsed.error.issues[0]?.message ?? 'check the words')}.`;
  if (errors.slowMode !== undefined || !parsed.success) return { ok: false, errors };
  return { ok: true, settings: { slowModeSeconds: seconds, blockedWords: parsed.data } };
}

/** One side of the chat settings' conflict. */
export function chatSettingsConflictSide(heading: string, settings: ChatSettings): ConflictSide {
  return {
    heading,
    facts: [
      [
        'Slow mode',
        settings.slowModeSeconds === 0 ? 'Off' : `${settings.slowModeSeconds} s between a fan’s messages`,
      ],
      ['Blocked words', settings.blockedWords.length === 0 ? 'None' : settings.blockedWords.join(', ')],
    ],
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
