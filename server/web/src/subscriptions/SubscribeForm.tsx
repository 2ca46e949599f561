import { useEffect, useId, useRef, useState } from 'react';
import { FormAlert } from '../account/FormAlert';
import { CardPayment } from '../payments/CardPayment';
import { useCardPayment } from '../payments/useCardPayment';
import { annualSaving, pricePer, subscribeTerms, trialText } from './price-labels';
import type { SubscribeField } from './subscribe-failure';
import { SubscribeDone } from './SubscribeDone';
import type { BillingInterval, Tier } from './subscription-types';
import { useSubscribing } from './useSubscribing';

interface SubscribeFormProps {
  readonly handle: string;
  readonly tier: Tier;
  readonly onDone: () => void;
}

type FormErrors = Partial<Record<SubscribeField, string>>;

/** The longest promo code `subscriptions.subscribe` takes. */
const PROMO_CODE_MAX = 30;

/** The status line once the first payment has been processed for long (see useSubscribing). */
const SLOW_PROCESSING =
  'Your bank is taking a while. You can close this: your subscription appears under My subscriptions once the payment goes through.';

/**
 * Subscribing to a tier: monthly or yearly (when the tier has a yearly price), an optional promo code, the card,
 * and what the fan agrees to (what is charged today, when it renews, how to leave). What the server refuses is
 * said next to its field (an expired promo next to the promo code, a declined card next to the card), anything
 * else above the form. Once subscribed, the confirmation replaces the form.
 */
export function SubscribeForm({ handle, tier, onDone }: SubscribeFormProps) {
  const id = useId();
  const [now] = useState(() => new Date());
  const [interval, chooseInterval] = useState<BillingInterval>('month');
  const [promo, setPromo] = useState('');
  // The errors the form found at the last press of Subscribe; null when it found none and sent it.
  const [formErrors, setFormErrors] = useState<FormErrors | null>(null);
  const subscribing = useSubscribing();
  const card = useCardPayment();
  const promoInput = useRef<HTMLInputElement>(null);
  const monthlyChoice = useRef<HTMLInputElement>(null);

  const { state } = subscribing;
  const failure = state.phase === 'failed' ? state.failure : null;
  const errors: FormErrors = formErrors ?? (failure?.field ? { [failure.field]: failure.message } : {});
  const alert = formErrors === null && failure !== null && failure.field === null ? failure.message : null;

  // After a refusal, the focus goes to the field to fix, where its error is read out with it.
  const focusCard = card.focus;
  useEffect(() => {
    if (failure?.field === 'card') focusCard();
    else if (failure?.field === 'promo') promoInput.current?.focus();
    else if (failure?.field === 'interval') monthlyChoice.current?.focus();
  }, [failure, focusCard]);

  if (state.phase === 'succeeded') {
    return <SubscribeDone tier={tier} subscription={state.subscription} onDone={onDone} />;
  }

  // A press while the last one is still being checked (the card form may take a moment) does nothing.
  const submit = card.onSubmit(subscribing.busy, async () => {
    const promoCode = promo.trim();
    const method = await card.paymentMethod();
    const found: FormErrors = {};
    if (promoCode.length > PROMO_CODE_MAX) {
      found.promo = `A promo code is at most ${PROMO_CODE_MAX} characters.`;
    }
    if (!method.ok) found.card = method.error;
    if (found.promo || !method.ok) {
      setFormErrors(found);
      if (found.promo) promoInput.current?.focus();
      else card.focus();
      return;
    }
    setFormErrors(null);
    subscribing.subscribe({
      handle,
      tierId: tier.id,
      interval,
      promoCode: promoCode === '' ? null : promoCode,
      paymentMethod: method.paymentMethod,
    });
  });

  const terms = subscribeTerms(tier, interval, now);
  const trial = trialText(tier.trialDays);
  const saving = annualSaving(tier);
  const intervalErrorId = `${id}-interval-error`;
  const promoHintId = `${id}-promo-hint`;
  const promoErrorId = `${id}-promo-error`;
  const termsId = `${id}-terms`;
  return (
    <form className="form subscribe-form" noValidate onSubmit={submit}>
      <FormAlert message={alert} />
      {tier.annualPrice === null ? (
        <p className="subscribe-form__price">
          <span className="subscribe-form__amount">{terms.price}</span>
        </p>
      ) : (
        <fieldset
          className="interval-choice"
          aria-describedby={errors.interval ? intervalErrorId : undefined}
        >
          <legend className="payment-form__legend">Billing</legend>
          <div className="interval-choice__options">
            {(['month', 'year'] as const).map((option) => {
              const minor = option === 'month' ? tier.monthlyPrice : tier.annualPrice;
              return (
                <label key={option} className="interval-option">
                  <input
                    ref={option === 'month' ? monthlyChoice : undefined}
                    type="radio"
                    name={`${id}-interval`}
                    className="interval-option__input"
                    value={option}
                    checked={interval === option}
                    onChange={() => chooseInterval(option)}
                    data-autofocus={interval === option || undefined}
                  />
                  <span className="interval-option__text">
                    <span className="interval-option__name">{option === 'month' ? 'Monthly' : 'Yearly'}</span>
                    <span className="interval-option__price">
                      {minor === null ? '' : pricePer(tier.currency, minor, option)}
                    </span>
                    {option === 'year' && saving !== null ? (
                      <span className="interval-option__saving">Save {saving}%</span>
                    ) : null}
                  </span>
                </label>
              );
            })}
          </div>
          {errors.interval ? (
            <p id={intervalErrorId} className="field__error">
              {errors.interval}
            </p>
          ) : null}
        </fieldset>
      )}
      {trial ? <p className="subscribe-form__trial">{trial}</p> : null}

      <div className={errors.promo ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-promo`} className="field__label">
          Promo code <span className="field__optional">(optional)</span>
        </label>
        <p id={promoHintId} className="field__hint">
          Taken off your first payment.
        </p>
        <input
          ref={promoInput}
          id={`${id}-promo`}
          className="field__input subscribe-form__promo"
          value={promo}
          onChange={(event) => setPromo(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={errors.promo ? true : undefined}
          aria-describedby={[promoHintId, errors.promo ? promoErrorId : ''].join(' ').trim()}
        />
        {errors.promo ? (
          <p id={promoErrorId} className="field__error">
            {errors.promo}
          </p>
        ) : null}
      </div>

      <CardPayment
        card={{ ref: card.ref, error: errors.card ?? null, autoFocus: tier.annualPrice === null }}
        phase={state.phase}
        submit={terms.submit}
        sending="Subscribing…"
        processing={state.phase === 'processing' && state.slow ? SLOW_PROCESSING : undefined}
        submitDescribedBy={termsId}
      >
        <div id={termsId} className="payment-terms">
          <p className="payment-terms__today">
            <span>Due today</span>
            <strong className="payment-terms__amount">{terms.dueToday}</strong>
          </p>
          <ul className="payment-terms__lines">
            {terms.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {terms.trialNote ? <p className="payment-terms__note">{terms.trialNote}</p> : null}
        </div>
      </CardPayment>
    </form>
  );
}
