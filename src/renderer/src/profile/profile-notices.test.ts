import { describe, expect, it } from 'vitest';
import type { LocalProfile } from '@shared/domain/profile/local-profile';
import { profileNotice } from './profile-notices';

const profile = (syncState: LocalProfile['syncState']) => ({ syncState }) as LocalProfile;

describe('what the profile editor says after saving', () => {
  it('says "Saved." in the done tone when the studio is online', () => {
    expect(profileNotice('save', profile('pending'), 'online')).toEqual({ text: 'Saved.', tone: 'done' });
    expect(profileNotice('save', profile('synced'), 'syncing')).toEqual({ text: 'Saved.', tone: 'done' });
    expect(profileNotice('save', profile('synced'), 'offline')).toEqual({ text: 'Saved.', tone: 'done' });
  });

  it('says it reaches fans once back online, in the waiting tone, when the change waits offline', () => {
    for (const connection of ['offline', 'connecting', null] as const) {
      const notice = profileNotice('save', profile('pending'), connection);
      expect(notice.tone).toBe('waiting');
      expect(notice.text).toMatch(/reaches fans when the studio is back online/);
      expect(notice.text).not.toMatch(/^Saved\.$/);
    }
    expect(profileNotice('keep-mine', profile('pending'), 'offline').tone).toBe('waiting');
    expect(profileNotice('keep-server', profile('synced'), 'offline').tone).toBe('done');
  });
});
