import { describeRule } from '@shared/domain/access/describe';
import type { PostSnapshot } from '@shared/domain/posts/post';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { postWhen, STATUS_LABELS } from './post-when';

const mediaCount = (count: number) => (count === 0 ? 'None' : count === 1 ? '1 item' : `${count} items`);

function Version({ heading, post }: { heading: string; post: PostSnapshot }) {
  const when = postWhen(post, new Date());
  return (
    <div className="conflict-version" role="group" aria-label={heading}>
      <h3>{heading}</h3>
      <dl>
        <dt>Title</dt>
        <dd dir="auto">{post.title.trim() === '' ? 'Untitled' : post.title}</dd>
        <dt>Status</dt>
        <dd>{STATUS_LABELS[post.status]}</dd>
        <dt>Who can see it</dt>
        <dd>{describeRule(post.accessRule)}</dd>
        <dt>Media</dt>
        <dd>{mediaCount(post.media?.length ?? 0)}</dd>
        {when !== null && (
          <>
            <dt>When</dt>
            <dd>{when}</dd>
          </>
        )}
      </dl>
      <p className="conflict-body" dir="auto">
        {post.body}
      </p>
    </div>
  );
}

/** Both versions of a post changed here and on the server, side by side, and the creator's choice. */
export function ConflictPanel(props: {
  post: LocalPost;
  busy: boolean;
  onKeep: (keep: 'mine' | 'server') => void;
}) {
  const { post, busy, onKeep } = props;
  return (
    <section className="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">This post changed on the server too</h2>
      <p>Choose the version to keep. The other one is discarded.</p>
      <div className="conflict-columns">
        <Version heading="Your version" post={post} />
        {post.serverVersion ? (
          <Version heading="Server's version" post={post.serverVersion} />
        ) : (
          <p className="muted">The server&apos;s version is not available yet; sync again to fetch it.</p>
        )}
      </div>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => onKeep('mine')}>
          Keep mine
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || post.serverVersion === null}
          onClick={() => onKeep('server')}
        >
          Keep server&apos;s
        </button>
      </div>
    </section>
  );
}
