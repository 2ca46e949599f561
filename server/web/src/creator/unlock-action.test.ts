import { describe, expect, it } from 'vitest';
import type { PageEntry, Viewer } from '../api/types';
import { unlockActionFor } from './unlock-action';

const locked = (unlocksByFollowing: boolean): PageEntry => ({
  id: 'p1',
  title: 'Studio notes',
  publishedAt: '2025-03-12T10:00:00.000Z',
  access: 'locked',
  media: [],
  unlockHint: unlocksByFollowing ? 'Followers' : 'Subscribers',
  unlocksByFollowing,
});
const fan: Viewer = { signedIn: true, isOwner: false, isFollower: false };
const visitor: Viewer = { signedIn: false, isOwner: false, isFollower: false };

describe('unlockActionFor', () => {
  it('offers to follow when following would open the post', () => {
    expect(unlockActionFor(locked(true), fan)).toBe('follow');
  });

  it('asks a signed-out visitor to sign in first', () => {
    expect(unlockActionFor(locked(true), visitor)).toBe('signInToFollow');
  });

  it('offers nothing when following would not open the post', () => {
    expect(unlockActionFor(locked(false), fan)).toBeNull();
  });

  it('offers nothing to a fan who already follows, or to the owner', () => {
    expect(unlockActionFor(locked(true), { ...fan, isFollower: true })).toBeNull();
    expect(unlockActionFor(locked(true), { ...fan, isOwner: true })).toBeNull();
  });

  it('offers nothing on an open post', () => {
    const open: PageEntry = {
      id: 'p2',
      title: 'Hello',
      publishedAt: '2025-03-12T10:00:00.000Z',
      access: 'open',
      body: 'Hi',
      media: [],
    };
    expect(unlockActionFor(open, fan)).toBeNull();
  });
});
