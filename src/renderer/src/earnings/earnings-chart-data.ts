import { amount, formatAmount, type Currency } from '@shared/domain/money/amount';
import { PAYMENT_SOURCES, type EarningsSummary } from '@shared/domain/money/earnings';
import type { PaymentSource } from '@shared/domain/money/ledger';
import { dayLabel, money, SOURCE_LABELS } from './earnings-format';

type Series = EarningsSummary['daily'][number];

/**
 * Minor units as a Number of major units, for plotting only: a bar's height needs no more than a float's
 * precision, while every figure the screen shows in words (tooltip, table, totals) stays exact.
 */
export function plotValue(currency: Currency, minor: string): number {
  return Number(formatAmount(amount(currency, BigInt(minor))));
}

/** One bar of the chart: a day's net per source, plotted as Numbers and said exactly. */
export interface ChartRow {
  readonly day: string;
  readonly subscription: number;
  readonly ppv: number;
  readonly ticket: number;
  readonly tip: number;
  /** Whether anything was earned that day. */
  readonly earned: boolean;
  /** The exact amounts in words, by source and in all ("$5.00"). */
  readonly exact: Readonly<Record<PaymentSource | 'net', string>>;
}

export function chartRows(series: Series): ChartRow[] {
  const { currency } = series;
  return series.days.map((d) => ({
    day: d.day,
    subscription: plotValue(currency, d.bySource.subscription),
    ppv: plotValue(currency, d.bySource.ppv),
    ticket: plotValue(currency, d.bySource.ticket),
    tip: plotValue(currency, d.bySource.tip),
    earned: d.net !== '0',
    exact: {
      subscription: money(currency, d.bySource.subscription),
      ppv: money(currency, d.bySource.ppv),
      ticket: money(currency, d.bySource.ticket),
      tip: money(currency, d.bySource.tip),
      net: money(currency, d.net),
    },
  }));
}

/**
 * The chart in one sentence, for those who do not see it: the range, the total, and the best day (exact,
 * compared as bigint).
 */
export function chartSummary(series: Series): string {
  const { currency, days } = series;
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return `No ${currency} earnings on these days.`;
  let total = 0n;
  let best = first;
  for (const d of days) {
    total += BigInt(d.net);
    if (BigInt(d.net) > BigInt(best.net)) best = d;
  }
  const range =
    first.day === last.day
      ? `on ${dayLabel(first.day)}`
      : `from ${dayLabel(first.day)} to ${dayLabel(last.day)}`;
  const sources = PAYMENT_SOURCES.filter((s) => days.some((d) => d.bySource[s] !== '0'))
    .map((s) => SOURCE_LABELS[s].toLowerCase())
    .join(', ');
  return (
    `Net ${currency} earnings per day ${range}: ${money(currency, total.toString())} in all` +
    (sources === '' ? '' : ` (${sources})`) +
    `; the best day, ${dayLabel(best.day)}, brought ${money(currency, best.net)}.`
  );
}
