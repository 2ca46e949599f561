import { Link } from 'react-router';
import { creatorPath } from '../routing/paths';
import type { Receipt } from './receipt-types';

/** Who was paid: a link to their page while they have one. */
export function ReceiptCreator({ creator }: { readonly creator: Receipt['creator'] }) {
  if (!creator.handle) return <span dir="auto">{creator.displayName}</span>;
  return (
    <Link to={creatorPath(creator.handle)} dir="auto">
      {creator.displayName}
    </Link>
  );
}
