import { Link } from 'react-router';
import type { Viewer } from '../api/types';
import { authPath, creatorPath } from '../routing/paths';

interface TipControlProps {
  readonly handle: string;
  readonly viewer: Viewer;
  readonly onTip: () => void;
}

/**
 * Tip on a creator's page: the button that opens the tip dialog for a signed-in fan, a way to sign in (and come
 * back) for everyone else; nothing on one's own page.
 */
export function TipControl({ handle, viewer, onTip }: TipControlProps) {
  if (viewer.isOwner) return null;
  if (!viewer.signedIn) {
    return (
      <Link to={authPath('signin', creatorPath(handle))} className="button">
        Sign in to tip
      </Link>
    );
  }
  return (
    <button type="button" className="button" aria-haspopup="dialog" onClick={onTip}>
      <TipIcon />
      Tip
    </button>
  );
}

/** The smaller Tip under a post, for a signed-in fan: the tip names the post. */
export function PostTipButton({ title, onTip }: { readonly title: string; readonly onTip: () => void }) {
  return (
    <button
      type="button"
      className="button button--small"
      aria-haspopup="dialog"
      aria-label={`Tip for “${title}”`}
      onClick={onTip}
    >
      <TipIcon />
      Tip
    </button>
  );
}

function TipIcon() {
  return (
    <svg className="tip-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path d="M12 20.5s-7.5-4.6-9.3-9.4C1.5 7.8 3.6 4.5 7 4.5c2 0 3.6 1.1 5 3 1.4-1.9 3-3 5-3 3.4 0 5.5 3.3 4.3 6.6-1.8 4.8-9.3 9.4-9.3 9.4Z" />
    </svg>
  );
}
