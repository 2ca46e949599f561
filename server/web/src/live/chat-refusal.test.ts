import { describe, expect, it } from 'vitest';
import { chatRefusal } from './chat-refusal';

/** What a tRPC client throws when the server refused a call. */
const refused = (code: string, message: string) => Object.assign(new Error(message), { data: { code } });

describe('chatRefusal', () => {
  it("says the server's own words for the rate limit and slow mode", () => {
    expect(
      chatRefusal(refused('TOO_MANY_REQUESTS', 'You are sending messages too fast; wait 4 seconds')),
    ).toBe('You are sending messages too fast; wait 4 seconds.');
    expect(
      chatRefusal(refused('TOO_MANY_REQUESTS', 'Slow mode is on: you can send again in 12 seconds')),
    ).toBe('Slow mode is on: you can send again in 12 seconds.');
  });

  it('says why a banned or timed-out fan cannot send', () => {
    expect(chatRefusal(refused('FORBIDDEN', 'You are banned from this chat'))).toBe(
      'You are banned from this chat.',
    );
  });

  it('drops the field name in front of a blocked word or a too long message', () => {
    expect(
      chatRefusal(refused('BAD_REQUEST', 'text: “spoiler” is not allowed in this chat; please rephrase')),
    ).toBe('“spoiler” is not allowed in this chat; please rephrase.');
    expect(chatRefusal(refused('BAD_REQUEST', 'text: a chat message is at most 300 characters'))).toBe(
      'A chat message is at most 300 characters.',
    );
  });

  it('says the chat is closed once the stream ended', () => {
    expect(chatRefusal(refused('PRECONDITION_FAILED', 'This stream has ended; its chat is closed'))).toBe(
      'This stream has ended; its chat is closed.',
    );
  });

  it('asks a signed-out viewer to sign in', () => {
    expect(chatRefusal(refused('UNAUTHORIZED', 'UNAUTHORIZED'))).toBe('Sign in to take part in the chat.');
  });

  it('says the server cannot be reached, or failed, in plain words rather than its internals', () => {
    expect(chatRefusal(new TypeError('Failed to fetch'))).toContain("can't be reached");
    expect(chatRefusal(refused('INTERNAL_SERVER_ERROR', 'Something went wrong on the server'))).toContain(
      'Something went wrong on our side',
    );
  });
});
