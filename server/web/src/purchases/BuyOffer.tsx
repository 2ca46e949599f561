import { Link } from 'react-router';
import type { Viewer } from '../api/types';
import { authPath, creatorPath } from '../routing/paths';
import { buyTerms } from './buy-terms';
import type { BuyTarget, LockedEntry } from './purchase-types';

interface BuyOfferProps {
  readonly post: LockedEntry;
  readonly handle: string;
  readonly viewer: Viewer;
  /** The main action of the card (no tier opens the post), or beside a Subscribe. */
  readonly primary: boolean;
  readonly onBuy: (target: BuyTarget) => void;
}

/**
 * "Buy for $4.50" on a post that buying would open (the server's `buyPrice`, its price less the fan's tier
 * discount); a visitor is asked to sign in first. Nothing on a post that is not for sale.
 */
export function BuyOffer({ post, handle, viewer, primary, onBuy }: BuyOfferProps) {
  const price = post.buyPrice;
  const terms = price ? buyTerms(price) : null;
  if (!price || !terms || viewer.isOwner) return null;
  const className = `button ${primary ? 'button--primary ' : ''}lock-card__action lock-card__offer`;
  if (!viewer.signedIn) {
    return (
      <Link to={authPath('signin', creatorPath(handle))} className={className}>
        Sign in to buy for {terms.price}
      </Link>
    );
  }
  return (
    <button
      type="button"
      className={className}
      aria-haspopup="dialog"
      onClick={() => onBuy({ postId: post.id, title: post.title.trim() || 'Untitled post', price })}
    >
      {terms.submit}
    </button>
  );
}
