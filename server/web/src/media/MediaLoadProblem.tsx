import type { SignedMediaStatus } from './useSignedMediaRefresh';

/** Under a player whose URL could not be renewed: what happened, and a way to try again. */
export function MediaLoadProblem({
  status,
  what,
  onRetry,
}: {
  readonly status: SignedMediaStatus;
  /** `video`, `audio track`. */
  readonly what: string;
  readonly onRetry: () => void;
}) {
  if (status !== 'failed') return null;
  return (
    <div className="post-media__problem" role="alert">
      <p>This {what} could not be loaded. Check your connection, then try again.</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
