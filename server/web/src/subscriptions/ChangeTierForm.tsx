import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatCalendarDate } from '../format/calendar-date';
import { CardPayment } from '../payments/CardPayment';
import { subscriptionsPath } from '../routing/paths';
import type { Subscription, Tier } from './subscription-types';
import { quoteTierChange } from './tier-change';
import { useTierChange } from './useTierChange';

interface ChangeTierFormProps {
  readonly subscription: Subscription;
  readonly tier: Tier;
  readonly onDone: () => void;
}

/**
 * Moving a subscription to another of the creator's tiers, with what it costs said first: an upgrade pays the
 * prorated difference now with the card on file, a downgrade is credited, a trial changes for nothing. A declined
 * card on file is said with the way to update it.
 */
export function ChangeTierForm({ subscription, tier, onDone }: ChangeTierFormProps) {
  const [now] = useState(() => new Date());
  // Quoted once, when the dialog opened: the answer below replaces the form, and the list behind it changes.
  const [quote] = useState(() => quoteTierChange(subscription, tier, now));
  const changing = useTierChange(subscription.id);
  const { state } = changing;
  const done = useRef<HTMLHeadingElement>(null);
  const succeeded = state.phase === 'succeeded';
  useEffect(() => {
    if (succeeded) done.current?.focus();
  }, [succeeded]);

  if (state.phase === 'succeeded') {
    return (
      <div className="payment-done">
        <h3 ref={done} className="payment-done__title" tabIndex={-1}>
          You&rsquo;re now on <span dir="auto">{tier.name}</span>
        </h3>
        <p>
          Its posts are open to you now. Your next payment is on{' '}
          {formatCalendarDate(state.subscription.currentPeriodEnd, now)}.
        </p>
        <button type="button" className="button button--primary button--block" onClick={onDone}>
          Done
        </button>
      </div>
    );
  }
  if (quote.kind === 'current' || quote.kind === 'unavailable') {
    return (
      <div className="modal-dialog__status">
        <p>{quote.kind === 'current' ? 'This is your tier already.' : quote.reason}</p>
        <button type="button" className="button" onClick={onDone} data-autofocus>
          Close
        </button>
      </div>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!changing.busy) changing.change(tier.id);
  };
  const failure = state.phase === 'failed' ? state.failure : null;
  return (
    <form className="form" noValidate onSubmit={submit}>
      {failure ? (
        <div className="form-alert" role="alert">
          {failure.message}
          {failure.field === 'card' ? (
            <>
              {' '}
              Update your card in <Link to={subscriptionsPath()}>My subscriptions</Link>, then try again.
            </>
          ) : null}
        </div>
      ) : null}
      <CardPayment card={null} phase={state.phase} submit={quote.submit} sending="Changing…" submitAutoFocus>
        <div className="payment-terms">
          <ul className="payment-terms__lines">
            {quote.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </CardPayment>
    </form>
  );
}
