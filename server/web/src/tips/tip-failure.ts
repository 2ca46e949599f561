import { asSentence } from '@shared/domain/input-issues';
import { describeFailure, failedCallOf } from '../api/error-message';

/** Where a refused or failed tip is explained: next to a field, or above the form. */
export type TipFailureField = 'amount' | 'message' | 'card' | null;

export interface TipFailure {
  readonly field: TipFailureField;
  readonly message: string;
  /**
   * The payment failed for good (the card was declined): the next try is a new payment under a new key. Any
   * other failure keeps the key, so a retry of a tip that may have gone through is answered, not paid again.
   */
  readonly newKey: boolean;
}

// `tips.send`'s input fields the form shows its own errors next to.
const FIELD_OF: Readonly<Record<string, Exclude<TipFailureField, null>>> = {
  amount: 'amount',
  message: 'message',
  paymentMethod: 'card',
};

/**
 * What `tips.send` threw, for the fan. The server says which field it refused (`paymentMethod: Your card was
 * declined.`; several joined by "; "); a declined card is said next to the card field.
 */
export function tipFailureOf(error: unknown): TipFailure {
  const failure = failedCallOf(error);
  if (failure.code === 'BAD_REQUEST' && failure.message) {
    const parts = failure.message.split('; ').map((part) => /^([A-Za-z.]+): (.+)$/s.exec(part));
    for (const match of parts) {
      const [, key = '', text = ''] = match ?? [];
      const field = FIELD_OF[key];
      if (field) return { field, message: asSentence(text), newKey: field === 'card' };
      if (key === 'idempotencyKey') {
        return {
          field: null,
          message:
            'An earlier try of this tip, with another amount, may have gone through. Send the same amount ' +
            'again to see what happened, or close this and start a new tip.',
          newKey: false,
        };
      }
    }
    // A field the fan does not fill in (the creator's handle, the post): the rule's words, without its name.
    const [, , text] = parts[0] ?? [];
    if (text) return { field: null, message: asSentence(text), newKey: false };
  }
  return { field: null, message: describeFailure(failure), newKey: false };
}

/** A payment that failed after it was accepted (`payments.get` said `failed`): the card's reason, for good. */
export function failedPayment(reason: string | null): TipFailure {
  return { field: 'card', message: asSentence(reason ?? 'the payment failed'), newKey: true };
}
