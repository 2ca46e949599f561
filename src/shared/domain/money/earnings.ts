import { z } from 'zod';
import { calendarDayOf, calendarDaySchema, daysBetween, nextDay } from '../calendar-day';
import { csvText } from '../csv';
import { amount, formatAmount, type Amount, type Currency } from './amount';
import { feeShareOf, type PaymentSource } from './ledger';
import type { PaymentSnapshot } from './payment-kind';

/**
 * A creator's earnings, read from the payments the studio holds (PRODUCT.md, "Money": per source, per day,
 * exportable as CSV). Pure and exact: amounts stay bigint minor units until they are written as decimals.
 *
 * Days: a payment counts on the calendar day its money settled (`settledAt`, else `createdAt` for a payment
 * that never settled), in an IANA time zone chosen by the caller (`'UTC'` by default; the studio passes the
 * creator's own zone, so "today" is the creator's today). Date filters name such days, both ends included.
 */

export type PaymentStatus = PaymentSnapshot['status'];

/**
 * In the order the screen and the export show them (PRODUCT.md lists subscriptions, PPV, tips; a live stream's
 * tickets follow pay-per-view, the other thing bought once).
 */
export const PAYMENT_SOURCES = [
  'subscription',
  'ppv',
  'ticket',
  'tip',
] as const satisfies readonly PaymentSource[];
export const PAYMENT_STATUSES = ['succeeded', 'pending', 'failed', 'disputed'] as const;
const CURRENCY_ORDER = ['USD', 'USDC', 'MESI'] as const satisfies readonly Currency[];

export type SourceAmounts = Readonly<Record<PaymentSource, Amount>>;

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * What the creator keeps of one payment: amount − platform fee − the creator's share of what was refunded
 * (a refund returns the fee in proportion, rounded down as the ledger does, so a full refund leaves 0). A
 * disputed payment earns 0 (its shares are frozen or lost; a dispute the creator wins is not told to the
 * studio yet), and a pending or failed one earns nothing. Never negative: a fee or refund beyond the amount
 * (never sent by the server) is read as the whole amount.
 */
export function netEarnings(payment: PaymentSnapshot): Amount {
  if (payment.status !== 'succeeded') return amount(payment.currency, 0n);
  const total = amount(payment.currency, BigInt(payment.amount));
  const fee = amount(payment.currency, min(BigInt(payment.fee), total.minor));
  const refunded = amount(payment.currency, min(BigInt(payment.refunded), total.minor));
  const creatorShareOfRefunds = refunded.minor - feeShareOf(refunded, total, fee).minor;
  return amount(payment.currency, total.minor - fee.minor - creatorShareOfRefunds);
}

/** When a payment counts: when it settled, or when it was made if it never settled. */
export const earnedAt = (payment: PaymentSnapshot): string => payment.settledAt ?? payment.createdAt;

// ---- Filters ---------------------------------------------------------------------------------------------

/** Which payments a view shows; every field left out matches all. */
export const earningsFilterSchema = z
  .object({
    source: z.enum(PAYMENT_SOURCES).optional(),
    status: z.enum(PAYMENT_STATUSES).optional(),
    currency: z.enum(CURRENCY_ORDER).optional(),
    /** The first day shown, included. */
    from: calendarDaySchema.optional(),
    /** The last day shown, included. */
    to: calendarDaySchema.optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: 'must not be before the first day',
    path: ['to'],
  });

export type EarningsFilter = z.infer<typeof earningsFilterSchema>;

/** Whether `payment` is one the filter shows, its day read in `timeZone`. */
export function matchesFilter(payment: PaymentSnapshot, filter: EarningsFilter, timeZone = 'UTC'): boolean {
  if (filter.source !== undefined && payment.source !== filter.source) return false;
  if (filter.status !== undefined && payment.status !== filter.status) return false;
  if (filter.currency !== undefined && payment.currency !== filter.currency) return false;
  if (filter.from === undefined && filter.to === undefined) return true;
  const day = calendarDayOf(earnedAt(payment), timeZone);
  if (day === null) return false;
  return (filter.from === undefined || day >= filter.from) && (filter.to === undefined || day <= filter.to);
}

export function filterPayments(
  payments: readonly PaymentSnapshot[],
  filter: EarningsFilter,
  timeZone = 'UTC',
): PaymentSnapshot[] {
  return payments.filter((p) => matchesFilter(p, filter, timeZone));
}

// ---- Sums -------------------------------------------------------------------------------------------------

function currenciesOf(payments: readonly PaymentSnapshot[]): Currency[] {
  const seen = new Set(payments.map((p) => p.currency));
  return CURRENCY_ORDER.filter((c) => seen.has(c));
}

const zeroBySource = (currency: Currency): Record<PaymentSource, Amount> => ({
  subscription: amount(currency, 0n),
  ppv: amount(currency, 0n),
  ticket: amount(currency, 0n),
  tip: amount(currency, 0n),
});

/** The creator's balance in each currency they were ever paid in: the sum of net earnings (no payouts yet). */
export function balances(payments: readonly PaymentSnapshot[]): Amount[] {
  return totalsBySource(payments).map((t) => t.net);
}

export interface CurrencyTotals {
  readonly currency: Currency;
  readonly net: Amount;
  readonly bySource: SourceAmounts;
  /** How many of the payments earned something. */
  readonly earning: number;
}

/** Net earnings per source, one entry per currency (money of two currencies is never added up). */
export function totalsBySource(payments: readonly PaymentSnapshot[]): CurrencyTotals[] {
  return currenciesOf(payments).map((currency) => {
    const bySource = zeroBySource(currency);
    let net = 0n;
    let earning = 0;
    for (const p of payments) {
      if (p.currency !== currency) continue;
      const earned = netEarnings(p).minor;
      if (earned === 0n) continue;
      bySource[p.source] = amount(currency, bySource[p.source].minor + earned);
      net += earned;
      earning += 1;
    }
    return { currency, net: amount(currency, net), bySource, earning };
  });
}

export interface DayEarnings {
  readonly day: string;
  readonly net: Amount;
  readonly bySource: SourceAmounts;
}

export interface DailySeries {
  readonly currency: Currency;
  readonly days: readonly DayEarnings[];
}

/** A requested range longer than this is cut to the days that had earnings (a chart of decades of zeros helps nobody). */
export const MAX_FILLED_DAYS = 400;

/**
 * Net earnings per day and source, one series per currency, every day of the range included (days without
 * earnings as zeros, so a chart's axis is even). The range is `from`…`to` when given, otherwise the first and
 * last day anything was earned; a range of more than MAX_FILLED_DAYS is narrowed to the earning days in it.
 */
export function dailyEarnings(
  payments: readonly PaymentSnapshot[],
  options: { readonly timeZone?: string; readonly from?: string; readonly to?: string } = {},
): DailySeries[] {
  const timeZone = options.timeZone ?? 'UTC';
  const perDay = new Map<string, Map<string, Record<PaymentSource, bigint>>>();
  let first: string | null = null;
  let last: string | null = null;
  for (const p of payments) {
    const earned = netEarnings(p).minor;
    if (earned === 0n) continue;
    const day = calendarDayOf(earnedAt(p), timeZone);
    if (day === null) continue;
    if (options.from !== undefined && day < options.from) continue;
    if (options.to !== undefined && day > options.to) continue;
    let days = perDay.get(p.currency);
    if (!days) perDay.set(p.currency, (days = new Map()));
    const sums = days.get(day) ?? { subscription: 0n, ppv: 0n, ticket: 0n, tip: 0n };
    sums[p.source] += earned;
    days.set(day, sums);
    if (first === null || day < first) first = day;
    if (last === null || day > last) last = day;
  }
  if (first === null || last === null) return [];
  let from = options.from ?? first;
  let to = options.to ?? last;
  if (daysBetween(from, to) > MAX_FILLED_DAYS) {
    from = from > first ? from : first;
    to = to < last ? to : last;
  }
  const range: string[] = [];
  if (daysBetween(from, to) <= MAX_FILLED_DAYS) {
    for (let day = from; day <= to; day = nextDay(day)) range.push(day);
  } else {
    // Even the earning days span too long to fill: only the days that had earnings.
    range.push(...new Set([...perDay.values()].flatMap((days) => [...days.keys()])));
    range.sort();
  }
  return CURRENCY_ORDER.filter((c) => perDay.has(c)).map((currency) => {
    const days = perDay.get(currency)!;
    return {
      currency,
      days: range.map((day) => {
        const sums = days.get(day) ?? { subscription: 0n, ppv: 0n, ticket: 0n, tip: 0n };
        return {
          day,
          net: amount(currency, sums.subscription + sums.ppv + sums.ticket + sums.tip),
          bySource: {
            subscription: amount(currency, sums.subscription),
            ppv: amount(currency, sums.ppv),
            ticket: amount(currency, sums.ticket),
            tip: amount(currency, sums.tip),
          },
        };
      }),
    };
  });
}

// ---- Views (what the studio's router answers: minor units as digits, as the API carries money) -----------

export type SourceMinor = Readonly<Record<PaymentSource, string>>;

const minorOf = (a: Amount) => a.minor.toString();
const sourceMinor = (s: SourceAmounts): SourceMinor => ({
  subscription: minorOf(s.subscription),
  ppv: minorOf(s.ppv),
  ticket: minorOf(s.ticket),
  tip: minorOf(s.tip),
});

export interface EarningsSummary {
  /** Every payment held, whatever the filter: none means nothing was ever synced (the screen's empty state). */
  readonly paymentCount: number;
  /** All-time balance per currency (the filter does not apply). */
  readonly balances: readonly { readonly currency: Currency; readonly net: string }[];
  /** The filter's payments: how many, and their net per currency and source. */
  readonly matching: number;
  readonly totals: readonly {
    readonly currency: Currency;
    readonly net: string;
    readonly bySource: SourceMinor;
    readonly earning: number;
  }[];
  readonly daily: readonly {
    readonly currency: Currency;
    readonly days: readonly { readonly day: string; readonly net: string; readonly bySource: SourceMinor }[];
  }[];
}

/** The earnings screen's figures for `filter`, days read in `timeZone`. */
export function summarizeEarnings(
  payments: readonly PaymentSnapshot[],
  filter: EarningsFilter,
  timeZone = 'UTC',
): EarningsSummary {
  const matching = filterPayments(payments, filter, timeZone);
  return {
    paymentCount: payments.length,
    balances: balances(payments).map((b) => ({ currency: b.currency, net: minorOf(b) })),
    matching: matching.length,
    totals: totalsBySource(matching).map((t) => ({
      currency: t.currency,
      net: minorOf(t.net),
      bySource: sourceMinor(t.bySource),
      earning: t.earning,
    })),
    daily: dailyEarnings(matching, { timeZone, from: filter.from, to: filter.to }).map((series) => ({
      currency: series.currency,
      days: series.days.map((d) => ({ day: d.day, net: minorOf(d.net), bySource: sourceMinor(d.bySource) })),
    })),
  };
}

/** One payment as the transaction list shows it. */
export interface EarningsEntry {
  readonly id: string;
  readonly source: PaymentSource;
  readonly status: PaymentStatus;
  readonly currency: Currency;
  readonly itemId: string | null;
  readonly fanId: string;
  /** Minor units as digits. */
  readonly amount: string;
  readonly fee: string;
  readonly refunded: string;
  readonly net: string;
  /** When it counts (`earnedAt`), and that instant's day in the view's time zone. */
  readonly at: string;
  readonly day: string | null;
}

export function earningsEntry(payment: PaymentSnapshot, timeZone = 'UTC'): EarningsEntry {
  return {
    id: payment.id,
    source: payment.source,
    status: payment.status,
    currency: payment.currency,
    itemId: payment.itemId,
    fanId: payment.fanId,
    amount: payment.amount,
    fee: payment.fee,
    refunded: payment.refunded,
    net: minorOf(netEarnings(payment)),
    at: earnedAt(payment),
    day: calendarDayOf(earnedAt(payment), timeZone),
  };
}

export interface EarningsPage {
  readonly entries: readonly EarningsEntry[];
  /** How many payments the filter shows in all. */
  readonly total: number;
  /** Where the next page starts, or null after the last one. */
  readonly nextOffset: number | null;
}

/** One page of the filter's payments, in the order given (the studio's table keeps them newest first). */
export function pageOfEarnings(
  payments: readonly PaymentSnapshot[],
  filter: EarningsFilter,
  page: { readonly offset: number; readonly limit: number },
  timeZone = 'UTC',
): EarningsPage {
  const matching = filterPayments(payments, filter, timeZone);
  const end = page.offset + page.limit;
  return {
    entries: matching.slice(page.offset, end).map((p) => earningsEntry(p, timeZone)),
    total: matching.length,
    nextOffset: end < matching.length ? end : null,
  };
}

// ---- CSV ---------------------------------------------------------------------------------------------------

/** The export's columns; amounts are exact decimals of the row's currency (`formatAmount`), never floats. */
export function earningsCsvHeader(timeZone = 'UTC'): string[] {
  return [
    `Day (${timeZone})`,
    'Time (UTC)',
    'Payment',
    'Source',
    'Status',
    'Currency',
    'Amount',
    'Fee',
    'Refunded',
    'Net',
    'Item',
    'Fan',
  ];
}

/** The payments as the "Download CSV" file: a header row, then one row per payment in the order given. */
export function earningsCsv(payments: readonly PaymentSnapshot[], timeZone = 'UTC'): string {
  const decimal = (p: PaymentSnapshot, minor: string) => formatAmount(amount(p.currency, BigInt(minor)));
  const rows = payments.map((p) => {
    const at = earnedAt(p);
    const time = Date.parse(at);
    return [
      calendarDayOf(at, timeZone) ?? '',
      Number.isNaN(time) ? at : new Date(time).toISOString(),
      p.id,
      p.source,
      p.status,
      p.currency,
      decimal(p, p.amount),
      decimal(p, p.fee),
      decimal(p, p.refunded),
      formatAmount(netEarnings(p)),
      p.itemId ?? '',
      p.fanId,
    ];
  });
  return csvText([earningsCsvHeader(timeZone), ...rows]);
}
