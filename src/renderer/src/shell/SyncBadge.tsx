import type { SyncState } from '@shared/domain/sync/local-state';

const WORDS: Readonly<Record<SyncState, string>> = {
  synced: 'Synced',
  pending: 'Pending',
  conflict: 'Conflict',
  rejected: 'Rejected',
};

const HINTS: Readonly<Record<SyncState, string>> = {
  synced: 'The server has exactly this version.',
  pending: 'Saved here; waiting to reach the server.',
  conflict: 'Changed on the server too: choose which version to keep.',
  rejected: 'The server refused this change.',
};

/** Where a post stands with the server, as a small labelled badge. */
export function SyncBadge({ state }: { state: SyncState }) {
  return (
    <span className={`badge badge--${state}`} title={HINTS[state]}>
      {WORDS[state]}
    </span>
  );
}
