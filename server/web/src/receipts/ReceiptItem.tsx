import { useId } from 'react';
import { displayMinor } from '../format/money';
import { ReceiptCreator } from './ReceiptCreator';
import { ReceiptStatusBadge } from './ReceiptStatusBadge';
import { formatReceiptDate, purchaseSummary } from './receipt-text';
import type { Receipt } from './receipt-types';

interface ReceiptItemProps {
  readonly receipt: Receipt;
  readonly onOpen: () => void;
}

/** One payment in the list: what it was for, to whom, when, how much, where it stands, and its receipt. */
export function ReceiptItem({ receipt, onOpen }: ReceiptItemProps) {
  const titleId = useId();
  const summary = purchaseSummary(receipt.purchase);
  const date = formatReceiptDate(receipt.createdAt);
  const message = receipt.purchase.kind === 'tip' ? receipt.purchase.message : '';
  return (
    <li className="receipt">
      <article className="receipt__body" aria-labelledby={titleId}>
        <div className="receipt__main">
          <h2 id={titleId} className="receipt__what" dir="auto">
            {summary}
          </h2>
          <p className="receipt__creator">
            to <ReceiptCreator creator={receipt.creator} />
          </p>
          {/* The fan's own words, as text: never markup. */}
          {message ? (
            <p className="receipt__message" dir="auto">
              “{message}”
            </p>
          ) : null}
        </div>
        <p className="receipt__date">
          <time dateTime={receipt.createdAt}>{date}</time>
        </p>
        <p className="receipt__amount">{displayMinor(receipt.currency, receipt.amount)}</p>
        <p className="receipt__status">
          <ReceiptStatusBadge receipt={receipt} />
        </p>
        <button
          type="button"
          className="button button--small receipt__open"
          aria-haspopup="dialog"
          onClick={onOpen}
        >
          View receipt
          <span className="visually-hidden">
            {' '}
            for {summary}, {date}
          </span>
        </button>
      </article>
    </li>
  );
}
