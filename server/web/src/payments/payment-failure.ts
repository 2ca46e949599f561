import { asSentence } from '@shared/domain/input-issues';
import { describeFailure, failedCallOf } from '../api/error-message';

/** Where a refused or failed payment is explained: next to one of the form's fields, or above the form. */
export interface PaymentFailure<Field extends string> {
  readonly field: Field | null;
  readonly message: string;
  /**
   * The payment failed for good (the card was declined): the next try is a new payment under a new key. Any
   * other failure keeps the key, so a retry of a payment that may have gone through is answered, not paid again.
   */
  readonly newKey: boolean;
}

/** One rule the server refused, by the name of the input it refused: `paymentMethod: Your card was declined.` */
export interface FieldRefusal {
  readonly input: string;
  readonly text: string;
}

/** The API's name for the card: a refusal of it is a declined card. */
const CARD_INPUT = 'paymentMethod';

/** The "input: text" refusals of a BAD_REQUEST message (the server joins several by "; "), in its order. */
export function fieldRefusalsOf(message: string): FieldRefusal[] {
  return message.split('; ').flatMap((part) => {
    const match = /^([A-Za-z.]+): (.+)$/s.exec(part);
    return match ? [{ input: match[1]!, text: match[2]! }] : [];
  });
}

export interface PaymentFailureWords<Field extends string> {
  /** The API's inputs the form shows its own errors next to, and the form's field for each. */
  readonly fieldOf: Readonly<Partial<Record<string, Field>>>;
  /** What to say when the idempotency key was used for another payment: an earlier try may have gone through. */
  readonly keyUsedForAnother: string;
}

/**
 * What a payment call threw, for the fan. The server names the input it refused (`paymentMethod: Your card was
 * declined.`; `promoCode: this promo code has expired`): said next to its field as a sentence. A refused card is
 * for good, so the next try gets a new key. What no field can fix (the creator's handle, a conflict, an
 * unreachable server) is said above the form, keeping the key.
 */
export function paymentFailureOf<Field extends string>(
  error: unknown,
  words: PaymentFailureWords<Field>,
): PaymentFailure<Field> {
  const failure = failedCallOf(error);
  if (failure.code === 'BAD_REQUEST' && failure.message) {
    const refusals = fieldRefusalsOf(failure.message);
    for (const { input, text } of refusals) {
      const field = words.fieldOf[input];
      if (field) return { field, message: asSentence(text), newKey: input === CARD_INPUT };
      if (input === 'idempotencyKey') return { field: null, message: words.keyUsedForAnother, newKey: false };
    }
    // A refused input the fan does not fill in (the creator's handle, the post): the rule's words, without its name.
    const [first] = refusals;
    if (first) return { field: null, message: asSentence(first.text), newKey: false };
  }
  return { field: null, message: describeFailure(failure), newKey: false };
}

/** A payment that failed after it was accepted (`payments.get` said `failed`): the card's reason, for good. */
export function failedPaymentOn<Field extends string>(
  cardField: Field,
  reason: string | null,
): PaymentFailure<Field> {
  return { field: cardField, message: asSentence(reason ?? 'the payment failed'), newKey: true };
}
