import { z } from 'zod';

/** The longest chat message, in characters (a chat line, not a post). */
export const CHAT_MESSAGE_MAX = 300;

// Any control character, line breaks included: a chat message is one line.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

// Bidi overrides and isolates make text read in another order than it is stored ("\u202Egnp.exe" shows as
// "exe.png"): a chat line never needs them, and they let a fan disguise what they wrote.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

// Format characters (zero-width space, soft hyphen, word joiner, ...) show as nothing.
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * Why `text` cannot be shown in a chat (a message, or the chat line of a tip), or null when it can: bidi
 * controls, and text that is empty once its invisible format characters are taken out.
 */
export function chatTextProblem(text: string): string | null {
  if (BIDI_CONTROL.test(text)) return 'a chat message must not contain text direction controls';
  if (text.replace(FORMAT_CHARACTERS, '').trim() === '') return 'a chat message must have visible text';
  return null;
}

/**
 * A chat message as a fan types it: trimmed, 1 to 300 characters, one line, no control characters, no bidi
 * controls, something visible. It is
 * plain text everywhere: stored and sent as typed, shown as text, never as HTML. The length is checked before
 * anything else, so a 10 KB paste is refused at once with its size in words.
 */
export const chatTextSchema = z
  .string('a chat message must be text')
  .max(CHAT_MESSAGE_MAX * 4, {
    error: `a chat message is at most ${CHAT_MESSAGE_MAX} characters`,
    abort: true,
  })
  .trim()
  .min(1, 'a chat message must not be empty')
  .max(CHAT_MESSAGE_MAX, `a chat message is at most ${CHAT_MESSAGE_MAX} characters`)
  .refine(
    (text) => !CONTROL_CHARACTER.test(text),
    'a chat message must be one line, without control characters',
  )
  .superRefine((text, context) => {
    // An empty message was already refused as such.
    const problem = text === '' ? null : chatTextProblem(text);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  });
