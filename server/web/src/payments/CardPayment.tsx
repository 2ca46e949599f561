import type { ReactNode } from 'react';
import { CardEntry, type CardEntryProps } from './CardEntry';

/** Where a payment form's call is; `sending` and `processing` are the phases the form waits through. */
export type PaymentPhase = 'idle' | 'sending' | 'processing' | 'succeeded' | 'failed';

export interface CardPaymentProps {
  /**
   * The card entry (its handle from useCardPayment, the error said next to it, whether the dialog's focus starts
   * there); null when the payment goes to the card on file, as a tier change's does.
   */
  readonly card: CardEntryProps | null;
  /** What comes between the card and the button: what the fan agrees to (`payment-terms`). */
  readonly children?: ReactNode;
  readonly phase: PaymentPhase;
  /** What the button says before and between tries: `Buy for $5.00`, `Tip $5.00`. */
  readonly submit: string;
  /** What it says while the call is on its way: `Paying…`, `Sending…`. */
  readonly sending: string;
  /**
   * What the status line says while the card network processes the payment (by default that the card is being
   * processed); null for a form whose call is never processed (a card saved for later): no status line.
   */
  readonly processing?: string | null;
  /** The id of what the button agrees to, read with its name. */
  readonly submitDescribedBy?: string;
  /** The dialog's focus starts on the button (nothing to fill in first). */
  readonly submitAutoFocus?: boolean;
}

const PROCESSING = 'Your card is being processed…';

/**
 * The card and the submit button of a payment form: the card entry (Stripe Elements or the sandbox's card form,
 * see CardEntry) with its error next to it, what comes between, and the button with its pending state. The
 * status line is always there, so what it says is read out as it changes. The button is aria-disabled rather than
 * disabled while the payment is sent or processed, so the focus stays on it meanwhile.
 */
export function CardPayment({
  card,
  children,
  phase,
  submit,
  sending,
  processing = PROCESSING,
  submitDescribedBy,
  submitAutoFocus = false,
}: CardPaymentProps) {
  const busy = phase === 'sending' || phase === 'processing';
  return (
    <>
      {card ? <CardEntry ref={card.ref} error={card.error} autoFocus={card.autoFocus} /> : null}
      {children}
      <div className="payment-form__submit">
        {processing === null ? null : (
          <p className="payment-form__status" role="status">
            {phase === 'processing' ? processing : ''}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary button--block"
          aria-describedby={submitDescribedBy}
          aria-disabled={busy || undefined}
          data-autofocus={submitAutoFocus || undefined}
        >
          {phase === 'sending' ? sending : phase === 'processing' ? 'Processing…' : submit}
        </button>
      </div>
    </>
  );
}
