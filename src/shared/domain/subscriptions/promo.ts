import { z } from 'zod';
import { ValidationError } from '../errors';
import { mutableKind } from '../sync/kind';
import type { Mutation } from '../sync/protocol';
import { minorUnitsSchema } from '../tips/tip-rules';

/**
 * A promo code (PRODUCT.md, "Subscriptions"): a percentage or a fixed amount off a subscription's first
 * charge, optionally for one tier, for a limited number of uses and until an expiry. Codes are kept upper-case
 * (a fan may type them in any case) and are unique per creator. A deactivated code is refused to fans.
 */
export const PROMO_CODE_PATTERN = /^[A-Za-z0-9_-]{3,30}$/;
export const PROMO_MAX_USES = 1_000_000;

const DIGITS = /^[0-9]+$/;

export const promoDraftSchema = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(PROMO_CODE_PATTERN, 'a code is 3 to 30 letters, digits, - or _')
      .transform((code) => code.toUpperCase()),
    percentOff: z
      .number()
      .int('a percentage off is a whole number from 1 to 100')
      .min(1, 'a percentage off is a whole number from 1 to 100')
      .max(100, 'a percentage off is a whole number from 1 to 100')
      .nullable()
      .default(null),
    amountOff: minorUnitsSchema
      .refine((minor) => !DIGITS.test(minor) || BigInt(minor) > 0n, 'an amount off is at least 1 cent')
      .nullable()
      .default(null),
    tierId: z.uuid('a tier is named by its id').nullable().default(null),
    maxUses: z
      .number()
      .int('a limit of uses is a whole number')
      .min(1, `a limit of uses is 1 to ${PROMO_MAX_USES}`)
      .max(PROMO_MAX_USES, `a limit of uses is 1 to ${PROMO_MAX_USES}`)
      .nullable()
      .default(null),
    expiresAt: z.iso.datetime('an expiry is a date and time').nullable().default(null),
  })
  .refine((promo) => (promo.percentOff === null) !== (promo.amountOff === null), {
    message: 'a promo takes either a percentage or an amount off',
    path: ['percentOff'],
  });
export type PromoDraft = z.infer<typeof promoDraftSchema>;

/** Refuses an expiry that is not in the future (at `now`): such a code could never be used. */
export function assertPromoExpiresLater(draft: Pick<PromoDraft, 'expiresAt'>, now: Date): void {
  if (draft.expiresAt !== null && new Date(draft.expiresAt) <= now) {
    throw new ValidationError('a promo must expire in the future', 'expiresAt');
  }
}

/** A promo code as the server has it. `uses` is not carried: fans' subscriptions move it, not the creator. */
export interface PromoSnapshot extends PromoDraft {
  readonly id: string;
  readonly creatorId: string;
  readonly currency: 'USD';
  readonly active: boolean;
  /** Server version: 1 once created, 2 once deactivated. */
  readonly version: number;
  readonly createdAt: string;
}

/** The changes the studio may ask for on a promo code: a code is never edited, only deactivated. */
export const promoChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('create'), draft: promoDraftSchema }),
  z.object({ type: z.literal('deactivate') }),
]);
export type PromoChange = z.infer<typeof promoChangeSchema>;
export type PromoMutation = Mutation<PromoChange>;

/** Promo codes: created and deactivated in the studio, offline or online; ids made by the studio. */
export const PROMO_KIND = mutableKind('promo', promoChangeSchema);
