import { initials } from '@shared/domain/profile/avatar';
import type { ReactNode } from 'react';
import type { CreatorProfile as Creator, Viewer } from '../api/types';
import { BioText } from './BioText';
import { FollowControl } from './FollowControl';
import { ProfileLinks } from './ProfileLinks';
import type { FollowActions } from './useFollow';

interface CreatorProfileProps {
  readonly creator: Creator;
  readonly viewer: Viewer;
  readonly follow: FollowActions;
  /** Tip (or the way to sign in to tip), beside Follow. */
  readonly tip: ReactNode;
  /** The creator's tip goal, under their links. */
  readonly goal: ReactNode;
}

/**
 * The top of a creator's page: a band and a placeholder avatar in their accent colour (set on the page as
 * `--creator-accent`), their name and handle, the follow button, their bio and links. What the creator wrote
 * takes its own direction (`dir="auto"`), so a name in Arabic or Hebrew reads right to left on an English page.
 */
export function CreatorProfile({ creator, viewer, follow, tip, goal }: CreatorProfileProps) {
  return (
    <section className="creator-profile" aria-labelledby="creator-name">
      <div className="creator-profile__band" aria-hidden="true" />
      <div className="creator-profile__body">
        <div className="creator-avatar" aria-hidden="true">
          {initials(creator.displayName)}
        </div>
        <div className="creator-profile__head">
          <div className="creator-profile__who">
            <h1 id="creator-name" className="creator-profile__name" dir="auto">
              {creator.displayName}
            </h1>
            <p className="creator-profile__handle" dir="auto">
              @{creator.handle}
            </p>
          </div>
          <div className="creator-profile__actions">
            <FollowControl creator={creator} viewer={viewer} follow={follow} />
            {tip}
          </div>
        </div>
        {creator.bio.trim() !== '' ? <BioText bio={creator.bio} /> : null}
        <ProfileLinks links={creator.links} />
        {goal}
      </div>
    </section>
  );
}
