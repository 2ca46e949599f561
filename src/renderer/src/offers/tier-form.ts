import { issuesByField } from '@shared/domain/input-issues';
import { tierDraftSchema, type TierDraft } from '@shared/domain/subscriptions/tier';
import { centsOf, dollarsOf } from './money-field';

/** What the tier form holds, as typed: money in dollars, perks one per line, the discount in percent. */
export interface TierForm {
  readonly name: string;
  readonly description: string;
  readonly perks: string;
  readonly rank: string;
  readonly monthlyPrice: string;
  /** Empty: no annual price. */
  readonly annualPrice: string;
  readonly trialDays: string;
  readonly ppvDiscountPercent: string;
}

export type TierFormErrors = Partial<Record<keyof TierForm, string>>;

export type TierFormCheck =
  { readonly ok: true; readonly draft: TierDraft } | { readonly ok: false; readonly errors: TierFormErrors };

/** A new tier's form: ranked above the tiers there are, so it includes their perks. */
export function newTierForm(rank: number): TierForm {
  return {
    name: '',
    description: '',
    perks: '',
    rank: String(rank),
    monthlyPrice: '',
    annualPrice: '',
    trialDays: '0',
    ppvDiscountPercent: '0',
  };
}

export function tierFormOf(tier: TierDraft): TierForm {
  return {
    name: tier.name,
    description: tier.description,
    perks: tier.perks.join('\n'),
    rank: String(tier.rank),
    monthlyPrice: dollarsOf(tier.monthlyPrice),
    annualPrice: tier.annualPrice === null ? '' : dollarsOf(tier.annualPrice),
    trialDays: String(tier.trialDays),
    ppvDiscountPercent: String(tier.ppvDiscountBps / 100),
  };
}

/** A whole number typed in a field, or NaN (which the tier's rules then refuse with their own words). */
const wholeNumber = (text: string): number => (/^\s*\d{1,9}\s*$/.test(text) ? Number(text) : Number.NaN);

/**
 * The form as a valid draft (the shared tier rules, as the server checks them), or a sentence per field that is
 * wrong. Empty perk lines are dropped.
 */
export function checkTierForm(form: TierForm): TierFormCheck {
  const errors: { -readonly [K in keyof TierForm]?: string } = {};
  const monthly = centsOf(form.monthlyPrice, 'the monthly price');
  const annual =
    form.annualPrice.trim() === '' ? { cents: null } : centsOf(form.annualPrice, 'the annual price');
  if ('error' in monthly) errors.monthlyPrice = monthly.error;
  if ('error' in annual) errors.annualPrice = annual.error;
  const percent = wholeNumber(form.ppvDiscountPercent);
  const parsed = tierDraftSchema.safeParse({
    name: form.name,
    description: form.description,
    perks: form.perks.split('\n').filter((perk) => perk.trim() !== ''),
    rank: wholeNumber(form.rank),
    monthlyPrice: 'cents' in monthly ? monthly.cents : '100',
    annualPrice: 'cents' in annual ? annual.cents : null,
    trialDays: wholeNumber(form.trialDays),
    ppvDiscountBps: percent * 100,
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, draft: parsed.data };
  const byField = parsed.success ? {} : issuesByField(parsed.error.issues);
  for (const field of [
    'name',
    'description',
    'perks',
    'rank',
    'monthlyPrice',
    'annualPrice',
    'trialDays',
  ] as const) {
    if (byField[field]) errors[field] ??= byField[field];
  }
  if (byField.ppvDiscountBps)
    errors.ppvDiscountPercent = 'The pay-per-view discount is a whole percent, 0 to 100.';
  return { ok: false, errors };
}
