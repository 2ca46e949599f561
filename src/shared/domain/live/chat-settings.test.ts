import { describe, expect, it } from 'vitest';
import { chatSettingsSchema, slowModeWaitMs } from './chat-settings';

describe('chat settings', () => {
  it('take slow mode in whole seconds up to an hour', () => {
    expect(chatSettingsSchema.parse({ slowModeSeconds: 30, blockedWords: ['Spam'] })).toEqual({
      slowModeSeconds: 30,
      blockedWords: ['spam'],
    });
    expect(
      chatSettingsSchema.safeParse({ slowModeSeconds: 3601, blockedWords: [] }).error?.issues[0]?.message,
    ).toBe('slow mode is at most 3600 seconds');
    expect(
      chatSettingsSchema.safeParse({ slowModeSeconds: 1.5, blockedWords: [] }).error?.issues[0]?.message,
    ).toBe('slow mode is a whole number of seconds');
  });

  it('slow mode makes a fan wait out the seconds since their last message', () => {
    expect(slowModeWaitMs(0, 1_000, 1_500)).toBe(0);
    expect(slowModeWaitMs(10, null, 1_500)).toBe(0);
    expect(slowModeWaitMs(10, 1_000, 1_500)).toBe(9_500);
    expect(slowModeWaitMs(10, 1_000, 11_000)).toBe(0);
  });
});
