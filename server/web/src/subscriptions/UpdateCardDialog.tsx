import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormAlert } from '../account/FormAlert';
import { useTRPC } from '../api/trpc';
import { formatCalendarDate } from '../format/calendar-date';
import { ModalDialog } from '../layout/ModalDialog';
import { CardPayment } from '../payments/CardPayment';
import { useCardPayment } from '../payments/useCardPayment';
import { SubscriptionTitle } from './CancelSubscriptionDialog';
import type { SubscriptionNames } from './SubscriptionCard';
import type { Subscription } from './subscription-types';
import { cardFailureOf } from './subscribe-failure';
import { useSubscriptionRefresh } from './useSubscriptionRefresh';

interface UpdateCardDialogProps {
  readonly subscription: Subscription;
  readonly names: SubscriptionNames;
  readonly onClosed: () => void;
}

/** A new card for a subscription's renewals (`subscriptions.updatePaymentMethod`): the way out of a failed renewal. */
export function UpdateCardDialog({ subscription, names, onClosed }: UpdateCardDialogProps) {
  return (
    <ModalDialog
      title="Update your card"
      subtitle={names.creator || names.tierName ? <SubscriptionTitle names={names} /> : null}
      onClosed={onClosed}
    >
      {(close) => <UpdateCardForm subscription={subscription} onDone={close} />}
    </ModalDialog>
  );
}

function UpdateCardForm({
  subscription,
  onDone,
}: {
  readonly subscription: Subscription;
  readonly onDone: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useSubscriptionRefresh();
  const [now] = useState(() => new Date());
  const update = useMutation(trpc.subscriptions.updatePaymentMethod.mutationOptions({ onSuccess: refresh }));
  const card = useCardPayment();
  const saved = useRef<HTMLHeadingElement>(null);
  const failure = update.isError ? cardFailureOf(update.error) : null;
  useEffect(() => {
    if (update.isSuccess) saved.current?.focus();
  }, [update.isSuccess]);

  if (update.isSuccess) {
    return (
      <div className="payment-done">
        <h3 ref={saved} className="payment-done__title" tabIndex={-1}>
          Your new card is saved
        </h3>
        <p>
          {subscription.status === 'past_due'
            ? 'We’ll charge it at the next try of the payment that failed.'
            : 'Your next payments are charged to it.'}
        </p>
        <button type="button" className="button button--primary button--block" onClick={onDone}>
          Done
        </button>
      </div>
    );
  }

  const submit = card.onSubmit(update.isPending, async () => {
    const paymentMethod = await card.checkedPaymentMethod();
    if (paymentMethod !== null) update.mutate({ subscriptionId: subscription.id, paymentMethod });
  });

  const graceEnd = subscription.graceUntil ?? subscription.currentPeriodEnd;
  return (
    <form className="form" noValidate onSubmit={submit}>
      <FormAlert message={failure && failure.field === null ? failure.message : null} />
      <p>
        {subscription.status === 'past_due'
          ? `Your last payment failed. Add a card by ${formatCalendarDate(graceEnd, now)} to keep your subscription.`
          : 'Your renewals are charged to this card from now on.'}
      </p>
      <CardPayment
        card={{ ref: card.ref, error: card.errorWith(failure), autoFocus: true }}
        phase={update.isPending ? 'sending' : 'idle'}
        submit="Save card"
        sending="Saving…"
        processing={null}
      />
    </form>
  );
}
