import { describeError, failedCallOf } from '../api/error-message';

/**
 * What to say when the server refused a chat message, a reaction or a tip from the chat: its own words for the
 * refusals written for people (too fast, slow mode's wait, banned or timed out, a blocked word, the chat closed,
 * a message too long), without the field name the server puts in front ("text: …"), as one sentence.
 */
export function chatRefusal(error: unknown): string {
  const { code, message } = failedCallOf(error);
  const said = message?.trim();
  if (code === 'UNAUTHORIZED') return 'Sign in to take part in the chat.';
  if (said && said !== code && code !== undefined && SAID_FOR_PEOPLE.has(code)) return sentence(said);
  return describeError(error);
}

const SAID_FOR_PEOPLE = new Set([
  'BAD_REQUEST',
  'FORBIDDEN',
  'TOO_MANY_REQUESTS',
  'PRECONDITION_FAILED',
  'NOT_FOUND',
]);

function sentence(said: string): string {
  // Several field messages come joined by "; ": each loses its field name.
  const parts = said.split('; ').map((part) => part.replace(/^(text|reaction|streamId|message): /, ''));
  const text = parts.join('; ');
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
