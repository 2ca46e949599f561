import { z } from 'zod';
import { amount, BASIS_POINTS, formatAmount } from '../money/amount';
import { mutableKind } from '../sync/kind';
import type { Mutation } from '../sync/protocol';
import { multiLineText, singleLineText } from '../text';
import { minorUnitsSchema } from '../tips/tip-rules';
import { MAX_TRIAL_DAYS } from './billing';

/**
 * A subscription tier as its creator edits it (PRODUCT.md, "Subscriptions"): a name, perks, a monthly and an
 * optional annual price, a free trial of at most 7 days and a pay-per-view discount; a higher rank includes
 * the lower ranks' perks. A new price applies to new subscribers only: each subscription keeps the price it was
 * taken at. An archived tier takes no new subscribers, and is no longer edited.
 */
export const TIER_NAME_MAX = 60;
export const TIER_DESCRIPTION_MAX = 500;
export const TIER_PERKS_MAX = 10;
export const TIER_PERK_MAX = 100;
export const TIER_RANK_MAX = 100;
/** The least a tier costs per month or per year: below it the card fees eat the subscription. */
export const TIER_PRICE_MIN_CENTS = 100n;

const DIGITS = /^[0-9]+$/;

/** A tier's price in cents, as digits, at least the minimum; `label` names it in the message. */
function tierPrice(label: string) {
  return minorUnitsSchema.refine(
    // Checked only on digits: a malformed price has its own message.
    (minor) => !DIGITS.test(minor) || BigInt(minor) >= TIER_PRICE_MIN_CENTS,
    `${label} is at least ${formatAmount(amount('USD', TIER_PRICE_MIN_CENTS), { symbol: true })}`,
  );
}

/** The fields a creator edits. Optional ones take their defaults, so the web's short forms still parse. */
export const tierDraftSchema = z.strictObject({
  name: singleLineText('a tier name', TIER_NAME_MAX).pipe(z.string().min(1, 'a tier needs a name')),
  description: multiLineText('a description', TIER_DESCRIPTION_MAX).default(''),
  perks: z
    .array(singleLineText('a perk', TIER_PERK_MAX))
    .max(TIER_PERKS_MAX, `at most ${TIER_PERKS_MAX} perks`)
    .default([]),
  rank: z
    .number('a rank is a whole number')
    .int('a rank is a whole number')
    .min(0, `a rank is 0 to ${TIER_RANK_MAX}`)
    .max(TIER_RANK_MAX, `a rank is 0 to ${TIER_RANK_MAX}`),
  monthlyPrice: tierPrice('a monthly price'),
  annualPrice: tierPrice('an annual price').nullable().default(null),
  trialDays: z
    .number('a free trial is a whole number of days')
    .int('a free trial is a whole number of days')
    .min(0, `a free trial is 0 to ${MAX_TRIAL_DAYS} days`)
    .max(MAX_TRIAL_DAYS, `a free trial is 0 to ${MAX_TRIAL_DAYS} days`)
    .default(0),
  ppvDiscountBps: z
    .number()
    .int('a pay-per-view discount is a whole number of basis points')
    .min(0, 'a pay-per-view discount is 0% to 100%')
    .max(BASIS_POINTS, 'a pay-per-view discount is 0% to 100%')
    .default(0),
});
export type TierDraft = z.infer<typeof tierDraftSchema>;

/** A tier as the server has it: what the change feed carries and a conflict shows. */
export interface TierSnapshot extends TierDraft {
  readonly id: string;
  readonly creatorId: string;
  readonly currency: 'USD';
  readonly archived: boolean;
  /** Server version: 1 once created, +1 on every accepted change. */
  readonly version: number;
  readonly updatedAt: string;
}

/** The changes the studio may ask for on a tier. */
export const tierChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('create'), draft: tierDraftSchema }),
  z.object({
    type: z.literal('update'),
    baseVersion: z.number().int().nonnegative(),
    draft: tierDraftSchema,
  }),
  // No base: archiving is final, whatever was edited meanwhile.
  z.object({ type: z.literal('archive') }),
]);
export type TierChange = z.infer<typeof tierChangeSchema>;
export type TierMutation = Mutation<TierChange>;

/** Tiers: created, edited and archived in the studio (offline or online) and on the web; ids made by the studio. */
export const TIER_KIND = mutableKind('tier', tierChangeSchema);

export function tierDraftOf(tier: TierDraft): TierDraft {
  return {
    name: tier.name,
    description: tier.description,
    perks: [...tier.perks],
    rank: tier.rank,
    monthlyPrice: tier.monthlyPrice,
    annualPrice: tier.annualPrice,
    trialDays: tier.trialDays,
    ppvDiscountBps: tier.ppvDiscountBps,
  };
}
