import type { PostSyncState } from '@shared/domain/posts/local-post';

const WORDS: Readonly<Record<PostSyncState, string>> = {
  synced: 'Synced',
  pending: 'Pending',
  conflict: 'Conflict',
  rejected: 'Rejected',
};

const HINTS: Readonly<Record<PostSyncState, string>> = {
  synced: 'The server has exactly this version.',
  pending: 'Saved here; waiting to reach the server.',
  conflict: 'Changed on the server too: choose which version to keep.',
  rejected: 'The server refused this change.',
};

/** Where a post stands with the server, as a small labelled badge. */
export function SyncBadge({ state }: { state: PostSyncState }) {
  return (
    <span className={`badge badge--${state}`} title={HINTS[state]}>
      {WORDS[state]}
    </span>
  );
}
