import { describe, expect, it } from 'vitest';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { postNotice } from './post-notices';

const post = (syncState: LocalPost['syncState']) => ({ syncState }) as LocalPost;

describe('what the editor says after publishing', () => {
  it('says "Published." in the done tone when the studio is online', () => {
    expect(postNotice('publish', post('pending'), 'online')).toEqual({ text: 'Published.', tone: 'done' });
    expect(postNotice('publish', post('synced'), 'syncing')).toEqual({ text: 'Published.', tone: 'done' });
  });

  it('says it will publish once back online, in the waiting tone, when the change waits offline', () => {
    for (const connection of ['offline', 'connecting', null] as const) {
      const notice = postNotice('publish', post('pending'), connection);
      expect(notice.tone).toBe('waiting');
      expect(notice.text).toMatch(/will publish when the studio is back online/i);
      expect(notice.text).not.toMatch(/^Published/);
    }
    expect(postNotice('save', post('pending'), 'offline').tone).toBe('waiting');
    expect(postNotice('unpublish', post('pending'), 'offline').text).toMatch(/back online/);
  });
});
