import type { Currency } from '@shared/domain/money';
import type { DateStyle } from '../format/calendar-date';
import { displayMinor } from '../format/money';
import type { Receipt, ReceiptLine, ReceiptPurchase } from './receipt-types';

/** How a status badge looks: the words say it to everyone, the tone only colours them. */
export type StatusTone = 'good' | 'neutral' | 'warning' | 'danger';

/** A receipt's status in words: `Paid`, `Refunded $2.00 of $5.00`, `Disputed`, … */
export function receiptStatusText(receipt: Pick<Receipt, 'status' | 'currency' | 'amount' | 'refunded'>): {
  readonly text: string;
  readonly tone: StatusTone;
} {
  switch (receipt.status) {
    case 'processing':
      return { text: 'Processing', tone: 'neutral' };
    case 'paid':
      return { text: 'Paid', tone: 'good' };
    case 'failed':
      return { text: 'Failed', tone: 'danger' };
    case 'partially_refunded':
      return {
        text: `Refunded ${displayMinor(receipt.currency, receipt.refunded)} of ${displayMinor(receipt.currency, receipt.amount)}`,
        tone: 'warning',
      };
    case 'refunded':
      return { text: 'Refunded', tone: 'neutral' };
    case 'disputed':
      return { text: 'Disputed', tone: 'danger' };
  }
}

/**
 * What a payment was for, in a few words: `Tip on “Spring firing”`, `Ticket: Kiln opening`, `Gold subscription,
 * monthly`.
 */
export function purchaseSummary(purchase: ReceiptPurchase): string {
  switch (purchase.kind) {
    case 'tip':
      return purchase.post ? `Tip on “${titleOf(purchase.post.title)}”` : 'Tip';
    case 'ppv':
      return purchase.post ? `Post: “${titleOf(purchase.post.title)}”` : 'A post';
    case 'ticket':
      return purchase.stream ? `Ticket: ${purchase.stream.title}` : 'A live stream ticket';
    case 'subscription': {
      if (purchase.charge === 'upgrade') {
        return purchase.tierName ? `Upgrade to ${purchase.tierName}` : 'Subscription upgrade';
      }
      const name = purchase.tierName ? `${purchase.tierName} subscription` : 'Subscription';
      const every =
        purchase.interval === 'year' ? 'yearly' : purchase.interval === 'month' ? 'monthly' : null;
      return every ? `${name}, ${every}` : name;
    }
  }
}

/** The period a subscription payment paid for, `5 March 2026 – 5 April 2026`, or null. */
export function subscriptionPeriod(purchase: ReceiptPurchase, style: DateStyle = {}): string | null {
  if (purchase.kind !== 'subscription' || !purchase.periodStart || !purchase.periodEnd) return null;
  return `${formatReceiptDate(purchase.periodStart, style)} – ${formatReceiptDate(purchase.periodEnd, style)}`;
}

/** One line of a receipt's history: `Charged $5.00`, `Refunded $2.00`, `Disputed $7.00`, … */
export function lineText(line: ReceiptLine, currency: Currency): string {
  const money = displayMinor(currency, line.amount);
  switch (line.kind) {
    case 'charge':
      return `Charged ${money}`;
    case 'refund':
      return `Refunded ${money}`;
    case 'dispute_opened':
      return `Disputed ${money} with your card issuer`;
    case 'dispute_won':
      return 'Dispute closed in the creator’s favour';
    case 'dispute_lost':
      return `Dispute closed: ${money} returned to you`;
  }
}

/** What the fan paid once refunds are taken off, when anything was refunded. */
export function netPaid(receipt: Pick<Receipt, 'currency' | 'amount' | 'refunded'>): string | null {
  const refunded = BigInt(receipt.refunded);
  if (refunded === 0n) return null;
  return displayMinor(receipt.currency, (BigInt(receipt.amount) - refunded).toString());
}

/** The rail a payment went through, as a fan knows it. */
export function railName(rail: string): string {
  if (rail === 'sandbox') return 'Sandbox test card (no real money)';
  if (rail === 'stripe') return 'Card (Stripe)';
  return rail;
}

/** A receipt's day: `12 March 2026`, in the reader's locale and time zone. */
export function formatReceiptDate(iso: string, style: DateStyle = {}): string {
  return format(iso, { dateStyle: 'long' }, style);
}

/** A moment on a receipt: `12 Mar 2026, 10:11`, in the reader's locale and time zone. */
export function formatReceiptMoment(iso: string, style: DateStyle = {}): string {
  return format(iso, { dateStyle: 'medium', timeStyle: 'short' }, style);
}

function format(iso: string, options: Intl.DateTimeFormatOptions, style: DateStyle): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const zone = style.timeZone ? { timeZone: style.timeZone } : {};
  return new Intl.DateTimeFormat(style.locale, { ...options, ...zone }).format(date);
}

function titleOf(title: string): string {
  return title.trim() === '' ? 'Untitled post' : title;
}
