import { asSentence } from '@shared/domain/input-issues';
import { amount, InvalidAmountError, parseAmount, type Amount } from '@shared/domain/money';
import { TIP_MAX_CENTS, TIP_MESSAGE_MAX, tipMessageSchema } from '@shared/domain/tips/tip-rules';
import { displayAmount } from '../format/money';
import type { TipSettings } from './tip-types';

// The tip form's rules, on the shared ones: amounts are read by `parseAmount` (digits, never a float) and the
// message by the very schema `tips.send` takes (`tipMessageSchema`). The server checks everything again.

/** What the fan picked: one of the creator's presets, or an amount of their own as typed. */
export type AmountChoice =
  { readonly kind: 'preset'; readonly minor: string } | { readonly kind: 'custom'; readonly text: string };

export interface TipFormValues {
  readonly amount: AmountChoice;
  readonly message: string;
}

export type TipField = 'amount' | 'message';
export type TipFieldErrors = Partial<Record<TipField, string>>;

/** The part of `tips.send`'s input the form decides. */
export interface TipFormInput {
  /** Minor units (cents), as digits. */
  readonly amount: string;
  readonly currency: 'USD';
  readonly message: string;
}

export type TipFormCheck =
  | { readonly ok: true; readonly input: TipFormInput; readonly total: Amount }
  | { readonly ok: false; readonly errors: TipFieldErrors };

/** The form as `tips.send` input (amount in cents, message trimmed), or what is wrong with it, per field. */
export function checkTipForm(values: TipFormValues, settings: TipSettings): TipFormCheck {
  const checkedAmount = checkTipAmount(values.amount, settings);
  const checkedMessage = checkTipMessage(values.message);
  const errors: TipFieldErrors = {};
  if (!checkedAmount.ok) errors.amount = checkedAmount.error;
  if (!checkedMessage.ok) errors.message = checkedMessage.error;
  if (!checkedAmount.ok || !checkedMessage.ok) return { ok: false, errors };
  if (settings.currency !== 'USD') {
    // tips.send takes USD only, as the server's settings do today.
    return { ok: false, errors: { amount: `This creator takes tips in ${settings.currency}.` } };
  }
  return {
    ok: true,
    total: checkedAmount.amount,
    input: {
      amount: checkedAmount.amount.minor.toString(),
      currency: 'USD',
      message: checkedMessage.message,
    },
  };
}

export type AmountCheck =
  { readonly ok: true; readonly amount: Amount } | { readonly ok: false; readonly error: string };

/**
 * The amount a choice stands for: a preset as the server sent it, or what the fan typed, read by `parseAmount`
 * (a `$` in front is forgiven), at least the creator's minimum and at most the largest tip.
 */
export function checkTipAmount(choice: AmountChoice, settings: TipSettings): AmountCheck {
  const minimum = amount(settings.currency, BigInt(settings.minimum));
  const largest = amount(settings.currency, TIP_MAX_CENTS);
  let chosen: Amount;
  if (choice.kind === 'preset') {
    chosen = amount(settings.currency, BigInt(choice.minor));
  } else {
    const text = choice.text.trim().replace(/^\$\s*/, '');
    if (text === '') return { ok: false, error: 'Enter an amount, like 5 or 12.50.' };
    if (text.includes(',')) {
      return { ok: false, error: 'Write the amount without commas, with a point for cents, like 1000.50.' };
    }
    try {
      chosen = parseAmount(text, settings.currency);
    } catch (error) {
      if (!(error instanceof InvalidAmountError)) throw error;
      return { ok: false, error: amountErrorText(error, largest) };
    }
  }
  if (chosen.minor < minimum.minor) {
    return { ok: false, error: `The smallest tip is ${displayAmount(minimum)}.` };
  }
  if (chosen.minor > largest.minor)
    return { ok: false, error: `A tip is at most ${displayAmount(largest)}.` };
  return { ok: true, amount: chosen };
}

function amountErrorText(error: InvalidAmountError, largest: Amount): string {
  switch (error.reason) {
    case 'negative':
      return 'A tip cannot be negative.';
    case 'too_many_decimals':
      return 'Use at most two decimals (cents), like 12.50.';
    case 'too_many_digits':
    case 'too_large':
      return `A tip is at most ${displayAmount(largest)}.`;
    default:
      return 'Enter the amount in digits, like 5 or 12.50.';
  }
}

export type MessageCheck =
  { readonly ok: true; readonly message: string } | { readonly ok: false; readonly error: string };

/** The message as `tips.send` takes it (trimmed, one line, no control characters, at most 200), or why not. */
export function checkTipMessage(text: string): MessageCheck {
  const result = tipMessageSchema.safeParse(text);
  if (result.success) return { ok: true, message: result.data };
  return { ok: false, error: asSentence(result.error.issues[0]?.message ?? 'this message cannot be sent') };
}

export interface MessageCount {
  /** Characters counted the way the rule counts them: after trimming, in UTF-16 units (an emoji is two). */
  readonly used: number;
  readonly max: number;
  readonly left: number;
  readonly over: boolean;
}

/** How much of the message's room is used, for the live count under the field. */
export function messageCount(text: string): MessageCount {
  const used = text.trim().length;
  return { used, max: TIP_MESSAGE_MAX, left: TIP_MESSAGE_MAX - used, over: used > TIP_MESSAGE_MAX };
}

/** The amount a choice stands for if it is valid, for the submit button ("Tip $5.00"); null when it is not. */
export function chosenAmount(choice: AmountChoice, settings: TipSettings): Amount | null {
  const checked = checkTipAmount(choice, settings);
  return checked.ok ? checked.amount : null;
}
