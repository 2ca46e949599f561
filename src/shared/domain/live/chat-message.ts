import { z } from 'zod';

/** The longest chat message, in characters (a chat line, not a post). */
export const CHAT_MESSAGE_MAX = 300;

// Any control character, line breaks included: a chat message is one line.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * A chat message as a fan types it: trimmed, 1 to 300 characters, one line, no control characters. It is
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
  );
