import { addDays } from '@shared/domain/subscriptions/billing';
import type { Currency } from '@shared/domain/money';
import { formatCalendarDate, ordinalDayOfMonth, type DateStyle } from '../format/calendar-date';
import { displayMinor } from '../format/money';
import { percentOfBasisPoints } from '../format/percent';
import type { BillingInterval, Tier } from './subscription-types';

// How a tier's prices and terms are put in words, on the creator page and in the subscribe dialog. Prices are the
// server's minor units as digits, written by displayMinor (never through a float).

/** `$5.00/month`, `$50.00/year`. */
export function pricePer(currency: Currency, minor: string, interval: BillingInterval): string {
  return `${displayMinor(currency, minor)}/${interval}`;
}

/** The tier's price for an interval, in minor units; null when it has none (no annual price). */
export function tierPrice(tier: Pick<Tier, 'monthlyPrice' | 'annualPrice'>, interval: BillingInterval) {
  return interval === 'month' ? tier.monthlyPrice : tier.annualPrice;
}

/**
 * The whole percentage a year costs less than twelve months, rounded down (never promising more than it saves);
 * null when there is no annual price or it saves nothing.
 */
export function annualSaving(tier: Pick<Tier, 'monthlyPrice' | 'annualPrice'>): number | null {
  if (tier.annualPrice === null) return null;
  const twelveMonths = BigInt(tier.monthlyPrice) * 12n;
  if (twelveMonths <= 0n) return null;
  const saved = ((twelveMonths - BigInt(tier.annualPrice)) * 100n) / twelveMonths;
  return saved > 0n ? Number(saved) : null;
}

/** `Includes a free trial of 7 days`; null for a tier without one. */
export function trialText(trialDays: number): string | null {
  if (trialDays <= 0) return null;
  return `Includes a free trial of ${trialDays} ${trialDays === 1 ? 'day' : 'days'}`;
}

/** The tier's perks as the creator wrote them, then its pay-per-view discount, if any. */
export function tierPerks(tier: Pick<Tier, 'perks' | 'ppvDiscountBps'>): readonly string[] {
  const discount =
    tier.ppvDiscountBps > 0 ? [`${percentOfBasisPoints(tier.ppvDiscountBps)} off pay-per-view posts`] : [];
  return [...tier.perks, ...discount];
}

/**
 * When a subscription renews, from the day its paid periods started (`anchor`): `Renews monthly on the 5th`,
 * `Renews yearly on 5 March`. Renewals fall on the anniversary, and a day a month lacks is its last day.
 */
export function renewalRhythm(interval: BillingInterval, anchor: Date, style: DateStyle = {}): string {
  if (interval === 'year') return `Renews yearly on ${formatCalendarDate(anchor, anchor, style)}`;
  const { day, text } = ordinalDayOfMonth(anchor, style);
  return `Renews monthly on the ${text}${day > 28 ? ' (the last day in shorter months)' : ''}`;
}

/** What the subscribe dialog says the fan is agreeing to, for the interval chosen. */
export interface SubscribeTerms {
  /** `$5.00/month`. */
  readonly price: string;
  /** What is charged when the fan presses the button (`$0.00` at the start of a trial). */
  readonly dueToday: string;
  /** What happens, in order: the trial, the first payment, the renewals and how to leave. */
  readonly lines: readonly string[];
  /** A tier with a trial: the server gives one per fan and creator, so a fan who had one pays today. */
  readonly trialNote: string | null;
  /** The submit button's words. */
  readonly submit: string;
}

export function subscribeTerms(
  tier: Tier,
  interval: BillingInterval,
  now: Date,
  style: DateStyle = {},
): SubscribeTerms {
  const minor = tierPrice(tier, interval) ?? tier.monthlyPrice;
  const price = pricePer(tier.currency, minor, interval);
  const full = displayMinor(tier.currency, minor);
  if (tier.trialDays <= 0) {
    return {
      price,
      dueToday: full,
      lines: [`${full} today.`, `${renewalRhythm(interval, now, style)}; cancel anytime.`],
      trialNote: null,
      submit: `Subscribe for ${price}`,
    };
  }
  // As the server counts it: the trial's end is the first payment, and renewals fall on its anniversary.
  const firstPayment = addDays(now, tier.trialDays);
  const day = formatCalendarDate(firstPayment, now, style);
  const days = `${tier.trialDays} ${tier.trialDays === 1 ? 'day' : 'days'}`;
  return {
    price,
    dueToday: displayMinor(tier.currency, '0'),
    lines: [
      `Free for ${days}, then ${price} from ${day}.`,
      `${renewalRhythm(interval, firstPayment, style)}; cancel before ${day} and you pay nothing.`,
    ],
    trialNote: `One free trial per fan and creator: if you have had one here before, you pay ${full} today instead.`,
    submit: 'Start free trial',
  };
}
