import { useEffect, useRef } from 'react';
import { FormAlert } from '../account/FormAlert';
import { displayMinor } from '../format/money';
import { ModalDialog } from '../layout/ModalDialog';
import { CardPayment } from '../payments/CardPayment';
import { useCardPayment } from '../payments/useCardPayment';
import type { PaymentView } from '../payments/usePaymentOutcome';
import { useTicketBuying } from './useTicketBuying';

/** The stream a fan is buying a ticket to, as the page showed it when they pressed Buy. */
export interface TicketTarget {
  readonly streamId: string;
  readonly title: string;
  /** USD cents, as digits. */
  readonly price: string;
}

interface TicketDialogProps {
  readonly creatorName: string;
  readonly target: TicketTarget;
  readonly onClosed: () => void;
}

/** The ticket dialog (a modal), mounted once per opening: one idempotency key per opened dialog. */
export function TicketDialog({ creatorName, target, onClosed }: TicketDialogProps) {
  return (
    <ModalDialog
      title={
        <>
          Ticket to “<bdi>{target.title}</bdi>”
        </>
      }
      subtitle={<span dir="auto">{creatorName}</span>}
      onClosed={onClosed}
    >
      {(close) => <TicketForm target={target} onDone={close} />}
    </ModalDialog>
  );
}

/**
 * The ticket's price and the card, on the card payment parts every payment form uses: a declined card is said
 * next to the card field, anything else above the form; once paid, the confirmation replaces the form.
 */
function TicketForm({ target, onDone }: { readonly target: TicketTarget; readonly onDone: () => void }) {
  const buying = useTicketBuying(target.streamId);
  const card = useCardPayment();
  const { state } = buying;
  const failure = state.phase === 'failed' ? state.failure : null;
  const { focus } = card;
  useEffect(() => {
    if (failure?.field === 'card') focus();
  }, [failure, focus]);

  if (state.phase === 'succeeded')
    return <TicketBought title={target.title} payment={state.payment} onDone={onDone} />;
  const price = displayMinor('USD', target.price);
  const submit = card.onSubmit(buying.busy, async () => {
    const paymentMethod = await card.checkedPaymentMethod();
    if (paymentMethod !== null) buying.buy({ streamId: target.streamId, paymentMethod });
  });

  return (
    <form className="form" noValidate onSubmit={submit}>
      <FormAlert
        message={failure && failure.field === null && card.checkError === null ? failure.message : null}
      />
      <CardPayment
        card={{ ref: card.ref, error: card.errorWith(failure), autoFocus: true }}
        phase={state.phase}
        submit={`Buy ticket for ${price}`}
        sending="Paying…"
      >
        <div className="payment-terms">
          <p className="payment-terms__today">
            <span>Due today</span>
            <strong className="payment-terms__amount">{price}</strong>
          </p>
          <ul className="payment-terms__lines">
            <li>{price}, paid once.</li>
            <li>The ticket lets you watch this stream and take part in its chat.</li>
          </ul>
        </div>
      </CardPayment>
    </form>
  );
}

function TicketBought({
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
        You have a ticket to “<bdi>{title}</bdi>”
      </h3>
      <p>You paid {displayMinor(payment.currency, payment.amount)}. The stream opens on the page.</p>
      <button type="button" className="button button--primary button--block" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
