import { amount, formatAmount, type Currency } from '@shared/domain/money/amount';
import type { PaymentStatus } from '@shared/domain/money/earnings';
import type { PaymentSource } from '@shared/domain/money/ledger';

/** The screen's words for each source, plural as totals read ("Tips: $5.00"). */
export const SOURCE_LABELS: Readonly<Record<PaymentSource, string>> = {
  subscription: 'Subscriptions',
  ppv: 'Pay-per-view',
  ticket: 'Tickets',
  tip: 'Tips',
};

/** One payment's source in the transaction list. */
export const SOURCE_LABEL_ONE: Readonly<Record<PaymentSource, string>> = {
  subscription: 'Subscription',
  ppv: 'Pay-per-view',
  ticket: 'Ticket',
  tip: 'Tip',
};

export const STATUS_LABELS: Readonly<Record<PaymentStatus, string>> = {
  succeeded: 'Paid',
  pending: 'Pending',
  failed: 'Failed',
  disputed: 'Disputed',
};

/** Minor units as the studio answers them ("555", USD) in words: "$5.55", "12.5 USDC"; exact, never a float. */
export function money(currency: Currency, minor: string): string {
  return formatAmount(amount(currency, BigInt(minor)), { symbol: true });
}

/** A calendar day (`2026-12-02`) as a short label ("Dec 2, 2026"); the day is a label, so no zone shifts it. */
export function dayLabel(day: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' }).format(
    Date.parse(`${day}T00:00:00.000Z`),
  );
}

/** The time of an instant in the creator's zone ("10:00 AM"). */
export function timeLabel(instant: string, timeZone: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return '';
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone }).format(time);
}

/** The time zone the screen reads days in: this computer's, or UTC when the runtime does not say. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
