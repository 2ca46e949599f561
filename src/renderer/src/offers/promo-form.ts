import { issuesByField } from '@shared/domain/input-issues';
import { promoDraftSchema, type PromoDraft } from '@shared/domain/subscriptions/promo';
import { centsOf } from './money-field';

/** What the new promo code form holds, as typed. */
export interface PromoForm {
  readonly code: string;
  readonly discountKind: 'percent' | 'amount';
  readonly percentOff: string;
  /** Dollars. */
  readonly amountOff: string;
  /** Empty: any tier. */
  readonly tierId: string;
  /** Empty: no limit. */
  readonly maxUses: string;
  /** A day (`YYYY-MM-DD`, as a date field gives it); empty: never expires. */
  readonly expiresOn: string;
}

export type PromoFormErrors = Partial<
  Record<'code' | 'discount' | 'tierId' | 'maxUses' | 'expiresOn', string>
>;

export type PromoFormCheck =
  | { readonly ok: true; readonly draft: PromoDraft }
  | { readonly ok: false; readonly errors: PromoFormErrors };

export const NEW_PROMO_FORM: PromoForm = {
  code: '',
  discountKind: 'percent',
  percentOff: '',
  amountOff: '',
  tierId: '',
  maxUses: '',
  expiresOn: '',
};

/** The moment a code chosen to expire on `day` stops working: the end of that day where the creator is. */
export function endOfDay(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const end = new Date(`${day}T23:59:59.999`);
  return Number.isNaN(end.getTime()) ? null : end;
}

/**
 * The form as a valid draft (the shared promo rules, as the server checks them), or a sentence per field that
 * is wrong. An expiry must be in the future (at `now`).
 */
export function checkPromoForm(form: PromoForm, now: Date): PromoFormCheck {
  const errors: { -readonly [K in keyof PromoFormErrors]?: string } = {};
  const percent = form.discountKind === 'percent';
  const amount = percent ? null : centsOf(form.amountOff, 'the amount off');
  if (amount && 'error' in amount) errors.discount = amount.error;
  const expiry = form.expiresOn === '' ? null : endOfDay(form.expiresOn);
  if (form.expiresOn !== '' && expiry === null) errors.expiresOn = 'Choose the last day the code works.';
  else if (expiry !== null && expiry <= now)
    errors.expiresOn = 'The last day the code works must be today or later.';
  const parsed = promoDraftSchema.safeParse({
    code: form.code,
    percentOff: percent
      ? /^\s*\d{1,3}\s*$/.test(form.percentOff)
        ? Number(form.percentOff)
        : Number.NaN
      : null,
    amountOff: amount && 'cents' in amount ? amount.cents : null,
    tierId: form.tierId === '' ? null : form.tierId,
    maxUses:
      form.maxUses.trim() === ''
        ? null
        : /^\s*\d{1,9}\s*$/.test(form.maxUses)
          ? Number(form.maxUses)
          : Number.NaN,
    expiresAt: expiry?.toISOString() ?? null,
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, draft: parsed.data };
  const byField = parsed.success ? {} : issuesByField(parsed.error.issues);
  if (byField.code) errors.code = byField.code;
  if (percent && byField.percentOff)
    errors.discount ??= 'The percentage off is a whole number from 1 to 100.';
  if (!percent && byField.amountOff) errors.discount ??= byField.amountOff;
  if (byField.maxUses) errors.maxUses = 'The limit of uses is a whole number from 1, or empty for no limit.';
  if (byField.tierId) errors.tierId = byField.tierId;
  return { ok: false, errors };
}
