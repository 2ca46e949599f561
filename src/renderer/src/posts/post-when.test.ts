import { describe, expect, it } from 'vitest';
import { postWhen } from './post-when';

const NOW = new Date('2026-12-20T12:00:00Z');
const PARIS = 'Europe/Paris';

describe('when a post goes out or away, in its row', () => {
  it('says when a scheduled post publishes, in the zone it was scheduled in', () => {
    expect(
      postWhen(
        { status: 'scheduled', publishAt: '2026-12-24T17:00:00.000Z', expiresAt: null, timeZone: PARIS },
        NOW,
      ),
    ).toBe('Publishes Thu 24 Dec, 18:00 (Europe/Paris)');
  });

  it('adds the expiry, and says Expired once it has passed', () => {
    expect(
      postWhen(
        {
          status: 'scheduled',
          publishAt: '2026-12-24T17:00:00.000Z',
          expiresAt: '2026-12-31T22:59:00.000Z',
          timeZone: PARIS,
        },
        NOW,
      ),
    ).toBe('Publishes Thu 24 Dec, 18:00 (Europe/Paris) · Expires Thu 31 Dec, 23:59 (Europe/Paris)');
    expect(
      postWhen(
        { status: 'expired', publishAt: null, expiresAt: '2026-12-19T09:00:00.000Z', timeZone: PARIS },
        NOW,
      ),
    ).toBe('Expired Sat 19 Dec, 10:00 (Europe/Paris)');
  });

  it('tells a draft with a time set that it is not scheduled yet, and says nothing of a plain post', () => {
    expect(
      postWhen(
        { status: 'draft', publishAt: '2026-12-24T17:00:00.000Z', expiresAt: null, timeZone: PARIS },
        NOW,
      ),
    ).toBe('Publish time Thu 24 Dec, 18:00 (Europe/Paris), not scheduled yet');
    expect(
      postWhen({ status: 'published', publishAt: null, expiresAt: null, timeZone: null }, NOW),
    ).toBeNull();
  });
});
