import type { CreatorSummary, Viewer } from '../api/types';
import { FollowControl } from './FollowControl';
import type { FollowActions } from './useFollow';

interface CreatorIntroProps {
  readonly creator: CreatorSummary;
  readonly viewer: Viewer;
  readonly follow: FollowActions;
}

/** The top of a creator's page: who they are and the follow button. */
export function CreatorIntro({ creator, viewer, follow }: CreatorIntroProps) {
  const initial = Array.from(creator.displayName.trim())[0]?.toUpperCase() ?? '@';
  return (
    <section className="creator-intro" aria-labelledby="creator-name">
      <div className="creator-intro__avatar" aria-hidden="true">
        {initial}
      </div>
      <div className="creator-intro__who">
        <h1 id="creator-name" className="creator-intro__name">
          {creator.displayName}
        </h1>
        <p className="creator-intro__handle">@{creator.handle}</p>
      </div>
      <div className="creator-intro__actions">
        <FollowControl creator={creator} viewer={viewer} follow={follow} />
      </div>
    </section>
  );
}
