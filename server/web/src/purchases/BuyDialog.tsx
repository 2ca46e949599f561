import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormAlert } from '../account/FormAlert';
import { displayMinor } from '../format/money';
import { ModalDialog } from '../layout/ModalDialog';
import { CardEntry, type CardEntryHandle } from '../payments/CardEntry';
import type { PaymentView } from '../payments/usePaymentOutcome';
import { buyTerms } from './buy-terms';
import type { BuyTarget } from './purchase-types';
import { useBuying } from './useBuying';

interface BuyDialogProps {
  readonly handle: string;
  readonly creatorName: string;
  readonly target: BuyTarget;
  readonly onClosed: () => void;
}

/** The buy dialog (a modal, see ModalDialog), mounted once per opening: one idempotency key per opened dialog. */
export function BuyDialog({ handle, creatorName, target, onClosed }: BuyDialogProps) {
  return (
    <ModalDialog
      title={
        <>
          Buy “<bdi>{target.title}</bdi>”
        </>
      }
      subtitle={<span dir="auto">{creatorName}</span>}
      onClosed={onClosed}
    >
      {(close) => <BuyForm handle={handle} target={target} onDone={close} />}
    </ModalDialog>
  );
}

/**
 * What the post costs this fan (the server's price less their tier discount) and the card. A declined card is
 * said next to the card field, anything else above the form; once paid, the confirmation replaces the form and
 * the post opens on the page behind.
 */
function BuyForm({
  handle,
  target,
  onDone,
}: {
  readonly handle: string;
  readonly target: BuyTarget;
  readonly onDone: () => void;
}) {
  const buying = useBuying(handle);
  const [cardError, setCardError] = useState<string | null>(null);
  const card = useRef<CardEntryHandle>(null);
  const submitting = useRef(false);
  const { state } = buying;
  const failure = state.phase === 'failed' ? state.failure : null;
  const shownCardError = cardError ?? (failure?.field === 'card' ? failure.message : null);
  useEffect(() => {
    if (failure?.field === 'card') card.current?.focus();
  }, [failure]);

  if (state.phase === 'succeeded')
    return <Bought title={target.title} payment={state.payment} onDone={onDone} />;
  const terms = buyTerms(target.price);
  if (!terms)
    return <p className="modal-dialog__status">This post is priced in a currency this page cannot pay.</p>;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (buying.busy || submitting.current) return;
    submitting.current = true;
    try {
      const method = card.current
        ? await card.current.paymentMethod()
        : ({ ok: false, error: 'The card form is not ready yet.' } as const);
      if (!method.ok) {
        setCardError(method.error);
        card.current?.focus();
        return;
      }
      setCardError(null);
      buying.buy({ postId: target.postId, paymentMethod: method.paymentMethod });
    } finally {
      submitting.current = false;
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <FormAlert message={failure && failure.field === null && cardError === null ? failure.message : null} />
      <CardEntry ref={card} error={shownCardError} autoFocus />
      <div className="payment-terms">
        <p className="payment-terms__today">
          <span>Due today</span>
          <strong className="payment-terms__amount">{terms.price}</strong>
        </p>
        <ul className="payment-terms__lines">
          {terms.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <div className="payment-form__submit">
        <p className="payment-form__status" role="status">
          {state.phase === 'processing' ? 'Your card is being processed…' : ''}
        </p>
        <button
          type="submit"
          className="button button--primary button--block"
          aria-disabled={buying.busy || undefined}
        >
          {state.phase === 'sending'
            ? 'Paying…'
            : state.phase === 'processing'
              ? 'Processing…'
              : terms.submit}
        </button>
      </div>
    </form>
  );
}

function Bought({
  title,
  payment,
  onDone,
}: {
  readonly title: string;
  readonly payment: PaymentView;
  readonly onDone: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="payment-done">
      <h3 ref={heading} className="payment-done__title" tabIndex={-1}>
        “<bdi>{title}</bdi>” is yours
      </h3>
      <p>
        You paid {displayMinor(payment.currency, payment.amount)}. The post is open on the page, for good.
      </p>
      <button type="button" className="button button--primary button--block" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
