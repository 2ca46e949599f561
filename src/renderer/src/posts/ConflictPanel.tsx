import { describeRule } from '@shared/domain/access/describe';
import type { PostSnapshot } from '@shared/domain/posts/post';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { SyncConflict, type ConflictSide } from '../shell/SyncConflict';
import { postWhen, STATUS_LABELS } from './post-when';

const mediaCount = (count: number) => (count === 0 ? 'None' : count === 1 ? '1 item' : `${count} items`);

/** A version of a post as the conflict shows it. */
function side(heading: string, post: PostSnapshot): ConflictSide {
  const when = postWhen(post, new Date());
  return {
    heading,
    facts: [
      ['Title', post.title.trim() === '' ? 'Untitled' : post.title],
      ['Status', STATUS_LABELS[post.status]],
      ['Who can see it', describeRule(post.accessRule)],
      ['Media', mediaCount(post.media?.length ?? 0)],
      ...(when === null ? [] : [['When', when] as const]),
    ],
    text: post.body,
  };
}

/** Both versions of a post changed here and on the server, side by side, and the creator's choice. */
export function ConflictPanel(props: {
  post: LocalPost;
  busy: boolean;
  onKeep: (keep: 'mine' | 'server') => void;
}) {
  const { post, busy, onKeep } = props;
  return (
    <SyncConflict
      title="This post changed on the server too"
      mine={side('Your version', post)}
      server={post.serverVersion ? side("Server's version", post.serverVersion) : null}
      busy={busy}
      onKeep={onKeep}
      headingLevel={2}
    />
  );
}
