import { useEffect, useRef } from 'react';
import { FormAlert } from '../account/FormAlert';
import { displayMinor } from '../format/money';
import { ModalDialog } from '../layout/ModalDialog';
import { CardPayment } from '../payments/CardPayment';
import { useCardPayment } from '../payments/useCardPayment';
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
  const card = useCardPayment();
  const { state } = buying;
  const failure = state.phase === 'failed' ? state.failure : null;
  const { focus } = card;
  useEffect(() => {
    if (failure?.field === 'card') focus();
  }, [failure, focus]);

  if (state.phase === 'succeeded')
    return <Bought title={target.title} payment={state.payment} onDone={onDone} />;
  const terms = buyTerms(target.price);
  if (!terms)
    return <p className="modal-dialog__status">This post is priced in a currency this page cannot pay.</p>;

  const submit = card.onSubmit(buying.busy, async () => {
    const paymentMethod = await card.checkedPaymentMethod();
    if (paymentMethod !== null) buying.buy({ postId: target.postId, paymentMethod });
  });

  return (
    <form className="form" noValidate onSubmit={submit}>
      <FormAlert
        message={failure && failure.field === null && card.checkError === null ? failure.message : null}
      />
      <CardPayment
        card={{ ref: card.ref, error: card.errorWith(failure), autoFocus: true }}
        phase={state.phase}
        submit={terms.submit}
        sending="Paying…"
      >
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
      </CardPayment>
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
