import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { describeError } from '../api/error-message';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { authPath, receiptsPath } from '../routing/paths';
import { useAccount } from '../session/session';
import { ReceiptDialog } from './ReceiptDialog';
import { ReceiptItem } from './ReceiptItem';
import type { Receipt } from './receipt-types';
import { useMyReceipts } from './useReceipts';

/**
 * `/receipts`: every payment the fan made, newest first (tips, subscriptions, posts bought), with its creator,
 * what it was for, the amount and where it stands ("Paid", "Refunded $2.00 of $5.00", "Disputed"); "Load more"
 * for older ones, and each receipt in full, refunds and all, in a dialog.
 */
export function ReceiptsPage() {
  useDocumentTitle('Receipts');
  const account = useAccount();
  const receipts = useMyReceipts();
  const [open, setOpen] = useState<Receipt | null>(null);

  if (account === null) return <Navigate to={authPath('signin', receiptsPath())} replace />;
  const shown = uniqueReceipts(receipts.data?.pages.flatMap((page) => page.receipts) ?? []);
  return (
    <div className="receipts">
      <header className="receipts__intro">
        <h1>Receipts</h1>
        <p className="receipts__lead">Every payment you&rsquo;ve made on Mesi, newest first.</p>
      </header>
      {receipts.data ? (
        shown.length === 0 ? (
          <div className="receipts__empty">
            <h2>No payments yet</h2>
            <p>
              When you tip a creator, subscribe or buy a post, its receipt shows up here, with any refund.
            </p>
            <Link to="/" className="button">
              Find a creator
            </Link>
          </div>
        ) : (
          <>
            <ul className="receipt-list">
              {shown.map((receipt) => (
                <ReceiptItem key={receipt.paymentId} receipt={receipt} onOpen={() => setOpen(receipt)} />
              ))}
            </ul>
            {receipts.hasNextPage ? (
              <div className="receipts__more">
                {receipts.isFetchNextPageError ? (
                  <p className="receipts__error" role="alert">
                    {describeError(receipts.error)}
                  </p>
                ) : null}
                <button
                  type="button"
                  className="button"
                  disabled={receipts.isFetchingNextPage}
                  aria-busy={receipts.isFetchingNextPage}
                  onClick={() => void receipts.fetchNextPage()}
                >
                  {receipts.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              </div>
            ) : (
              <p className="receipts__end">That&rsquo;s every payment you&rsquo;ve made.</p>
            )}
          </>
        )
      ) : receipts.isError ? (
        <div className="page-status" role="alert">
          <p>{describeError(receipts.error)}</p>
          <button
            type="button"
            className="button"
            disabled={receipts.isFetching}
            onClick={() => void receipts.refetch()}
          >
            Try again
          </button>
        </div>
      ) : (
        <p className="page-status" role="status">
          Loading your receipts…
        </p>
      )}
      {open ? <ReceiptDialog receipt={open} onClosed={() => setOpen(null)} /> : null}
    </div>
  );
}

/** Every loaded page's receipts in order, none twice (a refetch may shift the pages under the reader). */
function uniqueReceipts(receipts: readonly Receipt[]): readonly Receipt[] {
  const seen = new Set<string>();
  return receipts.filter((r) => !seen.has(r.paymentId) && seen.add(r.paymentId));
}
