import { type FormEvent, type RefObject, useCallback, useRef, useState } from 'react';
import type { CardEntryHandle } from './CardEntry';
import type { PaymentFailure } from './payment-failure';
import type { PaymentMethodCheck } from './sandbox-cards';

/** The card part of one payment form, as its form uses it (see CardPayment for what it shows). */
export interface CardPaymentForm {
  /** For CardPayment's `card.ref`: the card entry's handle. */
  readonly ref: RefObject<CardEntryHandle | null>;
  /** The rail's payment method for the card entered, or what is wrong with it (the card form may not be there yet). */
  readonly paymentMethod: () => Promise<PaymentMethodCheck>;
  /** Puts the focus on the card field. */
  readonly focus: () => void;
  /** What `checkedPaymentMethod` found wrong with the card at the last press; null once the card was right. */
  readonly checkError: string | null;
  /**
   * For a form whose only field is the card: the payment method, or null after saying what is wrong with the card
   * (`checkError`, next to the card field) and putting the focus there.
   */
  readonly checkedPaymentMethod: () => Promise<string | null>;
  /** What is said next to the card: `checkError`, else the payment's failure when it is the card's. */
  readonly errorWith: (failure: PaymentFailure<string> | null) => string | null;
  /**
   * The form's submit handler: runs `pay` unless the payment is `busy` (sent, or being processed) or the last
   * press is still being checked (the card form may take a moment), so a double click pays once.
   */
  readonly onSubmit: (busy: boolean, pay: () => Promise<void>) => (event: FormEvent<HTMLFormElement>) => void;
}

const NOT_READY: PaymentMethodCheck = { ok: false, error: 'The card form is not ready yet.' };

/** The card of one opened payment form: its handle, its check, and the one press at a time it is read on. */
export function useCardPayment(): CardPaymentForm {
  const ref = useRef<CardEntryHandle>(null);
  const submitting = useRef(false);
  const [checkError, setCheckError] = useState<string | null>(null);

  const paymentMethod = useCallback(
    () => (ref.current ? ref.current.paymentMethod() : Promise.resolve(NOT_READY)),
    [],
  );
  const focus = useCallback(() => ref.current?.focus(), []);
  const checkedPaymentMethod = useCallback(async () => {
    const method = await paymentMethod();
    if (!method.ok) {
      setCheckError(method.error);
      focus();
      return null;
    }
    setCheckError(null);
    return method.paymentMethod;
  }, [focus, paymentMethod]);
  const errorWith = useCallback(
    (failure: PaymentFailure<string> | null) =>
      checkError ?? (failure?.field === 'card' ? failure.message : null),
    [checkError],
  );
  const onSubmit = useCallback(
    (busy: boolean, pay: () => Promise<void>) => (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (busy || submitting.current) return;
      submitting.current = true;
      void pay().finally(() => {
        submitting.current = false;
      });
    },
    [],
  );
  return { ref, paymentMethod, focus, checkError, checkedPaymentMethod, errorWith, onSubmit };
}
