import { describe, expect, it } from 'vitest';
import {
  CHAT_SETTINGS_KIND,
  chatSettingsChangeSchema,
  defaultChatSettings,
  STREAM_KIND,
  streamChangeSchema,
} from './stream-sync';

const draft = {
  title: '  Kiln opening ',
  accessRule: { kind: 'public' },
  ticketPrice: null,
  scheduledFor: '2026-12-24T18:00:00+01:00',
};
const messages = (result: { error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('the live_stream kind', () => {
  it('is a kind the studio may change, named live_stream', () => {
    expect(STREAM_KIND.entity).toBe('live_stream');
    expect(STREAM_KIND.changeSchema).toBe(streamChangeSchema);
  });

  it('takes a create with a draft, parsed by the stream rules (title trimmed)', () => {
    expect(streamChangeSchema.parse({ type: 'create', draft })).toEqual({
      type: 'create',
      draft: { ...draft, title: 'Kiln opening' },
    });
  });

  it('takes an update with its draft and base version, and a cancel with its base version', () => {
    expect(streamChangeSchema.parse({ type: 'update', baseVersion: 3, draft })).toMatchObject({
      type: 'update',
      baseVersion: 3,
    });
    expect(streamChangeSchema.parse({ type: 'cancel', baseVersion: 2 })).toEqual({
      type: 'cancel',
      baseVersion: 2,
    });
  });

  it('refuses a draft breaking the stream rules, a missing or bad base version and unknown changes, in words', () => {
    expect(
      messages(streamChangeSchema.safeParse({ type: 'create', draft: { ...draft, title: ' ' } })),
    ).toEqual(['draft.title: title must not be empty']);
    expect(
      messages(
        streamChangeSchema.safeParse({
          type: 'create',
          draft: { ...draft, ticketPrice: { currency: 'USD', minor: '10' } },
        }),
      ),
    ).toEqual(['draft.ticketPrice.minor: ticket price is at least $0.50']);
    expect(messages(streamChangeSchema.safeParse({ type: 'update', draft }))).toEqual([
      'baseVersion: baseVersion is the version the change was based on',
    ]);
    expect(messages(streamChangeSchema.safeParse({ type: 'cancel', baseVersion: -1 }))).toEqual([
      'baseVersion: baseVersion cannot be negative',
    ]);
    expect(messages(streamChangeSchema.safeParse({ type: 'cancel', baseVersion: 1.5 }))).toEqual([
      'baseVersion: baseVersion is a whole number',
    ]);
    expect(streamChangeSchema.safeParse({ type: 'goLive' }).success).toBe(false);
  });
});

describe('the chat_settings kind', () => {
  it('is a kind the studio may change, named chat_settings', () => {
    expect(CHAT_SETTINGS_KIND.entity).toBe('chat_settings');
    expect(CHAT_SETTINGS_KIND.changeSchema).toBe(chatSettingsChangeSchema);
  });

  it('takes the whole settings over a base version, blocked words lower-cased without repeats', () => {
    expect(
      chatSettingsChangeSchema.parse({
        type: 'update',
        baseVersion: 0,
        settings: { slowModeSeconds: 30, blockedWords: ['Spam', 'spam', 'Scam'] },
      }),
    ).toEqual({
      type: 'update',
      baseVersion: 0,
      settings: { slowModeSeconds: 30, blockedWords: ['spam', 'scam'] },
    });
  });

  it('refuses settings breaking the chat rules and a missing base, in words', () => {
    expect(
      messages(
        chatSettingsChangeSchema.safeParse({
          type: 'update',
          baseVersion: 1,
          settings: { slowModeSeconds: 3601, blockedWords: [] },
        }),
      ),
    ).toEqual(['settings.slowModeSeconds: slow mode is at most 3600 seconds']);
    expect(
      messages(
        chatSettingsChangeSchema.safeParse({
          type: 'update',
          baseVersion: 1,
          settings: { slowModeSeconds: 0, blockedWords: ['two words'] },
        }),
      ),
    ).toEqual(['settings.blockedWords.0: a blocked word is one word, without spaces']);
    expect(
      messages(
        chatSettingsChangeSchema.safeParse({
          type: 'update',
          settings: { slowModeSeconds: 0, blockedWords: [] },
        }),
      ),
    ).toEqual(['baseVersion: baseVersion is the version the change was based on']);
  });

  it('defaults a creator who never set them to version 0, slow mode off, nothing blocked', () => {
    expect(defaultChatSettings('c1')).toEqual({
      creatorId: 'c1',
      slowModeSeconds: 0,
      blockedWords: [],
      version: 0,
      updatedAt: null,
    });
  });
});
