import { receiptStatusText } from './receipt-text';
import type { Receipt } from './receipt-types';

/** A receipt's status as a badge: the words carry it, the colour only repeats it. */
export function ReceiptStatusBadge({ receipt }: { readonly receipt: Receipt }) {
  const { text, tone } = receiptStatusText(receipt);
  return <span className={`receipt-status receipt-status--${tone}`}>{text}</span>;
}
