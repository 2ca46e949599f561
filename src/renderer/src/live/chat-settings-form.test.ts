import { describe, expect, it } from 'vitest';
import {
  chatSettingsConflictSide,
  chatSettingsFormOf,
  checkChatSettingsForm,
  sameChatSettingsForm,
} from './chat-settings-form';

describe('the chat settings form', () => {
  it('shows stored settings and reads them back the same', () => {
    const form = chatSettingsFormOf({ slowModeSeconds: 30, blockedWords: ['spam', 'scam'] });
    expect(form).toEqual({ slowMode: '30', words: 'spam scam' });
    expect(checkChatSettingsForm(form)).toEqual({
      ok: true,
      settings: { slowModeSeconds: 30, blockedWords: ['spam', 'scam'] },
    });
  });

  it('says under each field what is wrong', () => {
    const checked = checkChatSettingsForm({ slowMode: '1.5', words: 'x'.repeat(41) });
    expect(!checked.ok && checked.errors).toEqual({
      slowMode: 'Slow mode is a whole number of seconds from 0 (off) to 3600.',
      words: 'A blocked word is at most 40 characters.',
    });
    const tooLong = checkChatSettingsForm({ slowMode: '3601', words: '' });
    expect(!tooLong.ok && tooLong.errors).toEqual({
      slowMode: 'Slow mode is a whole number of seconds from 0 (off) to 3600.',
    });
  });

  it('takes a newer copy that says what the form already says as no news', () => {
    const base = { slowMode: '10', words: 'spam, scam' };
    expect(sameChatSettingsForm(base, { slowMode: ' 10', words: 'spam scam' })).toBe(true);
    expect(sameChatSettingsForm(base, { slowMode: '10', words: 'spam scam ham' })).toBe(false);
    expect(sameChatSettingsForm(base, { slowMode: '20', words: 'spam scam' })).toBe(false);
  });

  it('shows each side of a conflict in words', () => {
    expect(chatSettingsConflictSide('Your version', { slowModeSeconds: 0, blockedWords: [] })).toEqual({
      heading: 'Your version',
      facts: [
        ['Slow mode', 'Off'],
        ['Blocked words', 'None'],
      ],
    });
    expect(
      chatSettingsConflictSide("Server's version", { slowModeSeconds: 5, blockedWords: ['spam', 'scam'] })
        .facts,
    ).toEqual([
      ['Slow mode', '5 s between a fan’s messages'],
      ['Blocked words', 'spam, scam'],
    ]);
  });
});
