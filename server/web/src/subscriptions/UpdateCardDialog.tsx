import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormAlert } from '../account/FormAlert';
import { useTRPC } from '../api/trpc';
import { formatCalendarDate } from '../format/calendar-date';
import { ModalDialog } from '../layout/ModalDialog';
import { CardEntry, type CardEntryHandle } from '../payments/CardEntry';
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
  const [cardError, setCardError] = useState<string | null>(null);
  const card = useRef<CardEntryHandle>(null);
  const saved = useRef<HTMLHeadingElement>(null);
  const submitting = useRef(false);
  const failure = update.isError ? cardFailureOf(update.error) : null;
  const shownCardError = cardError ?? (failure?.field === 'card' ? failure.message : null);
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

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending || submitting.current) return;
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
      update.mutate({ subscriptionId: subscription.id, paymentMethod: method.paymentMethod });
    } finally {
      submitting.current = false;
    }
  };

  const graceEnd = subscription.graceUntil ?? subscription.currentPeriodEnd;
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <FormAlert message={failure && failure.field === null ? failure.message : null} />
      <p>
        {subscription.status === 'past_due'
          ? `Your last payment failed. Add a card by ${formatCalendarDate(graceEnd, now)} to keep your subscription.`
          : 'Your renewals are charged to this card from now on.'}
      </p>
      <CardEntry ref={card} error={shownCardError} autoFocus />
      <div className="payment-form__submit">
        <button
          type="submit"
          className="button button--primary button--block"
          aria-disabled={update.isPending || undefined}
        >
          {update.isPending ? 'Saving…' : 'Save card'}
        </button>
      </div>
    </form>
  );
}
