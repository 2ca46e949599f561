import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { FormAlert } from '../account/FormAlert';
import { CardEntry, type CardEntryHandle } from '../payments/CardEntry';
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
  const card = useRef<CardEntryHandle>(null);
  const promoInput = useRef<HTMLInputElement>(null);
  const monthlyChoice = useRef<HTMLInputElement>(null);
  // A press while the last one is still being checked (the card form may take a moment) does nothing.
  const submitting = useRef(false);

  const { state } = subscribing;
  const failure = state.phase === 'failed' ? state.failure : null;
  const errors: FormErrors = formErrors ?? (failure?.field ? { [failure.field]: failure.message } : {});
  const alert = formErrors === null && failure !== null && failure.field === null ? failure.message : null;

  // After a refusal, the focus goes to the field to fix, where its error is read out with it.
  useEffect(() => {
    if (failure?.field === 'card') card.current?.focus();
    else if (failure?.field === 'promo') promoInput.current?.focus();
    else if (failure?.field === 'interval') monthlyChoice.current?.focus();
  }, [failure]);

  if (state.phase === 'succeeded') {
    return <SubscribeDone tier={tier} subscription={state.subscription} onDone={onDone} />;
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (subscribing.busy || submitting.current) return;
    submitting.current = true;
    try {
      const promoCode = promo.trim();
      const method = card.current
        ? await card.current.paymentMethod()
        : ({ ok: false, error: 'The card form is not ready yet.' } as const);
      const found: FormErrors = {};
      if (promoCode.length > PROMO_CODE_MAX) {
        found.promo = `A promo code is at most ${PROMO_CODE_MAX} characters.`;
      }
      if (!method.ok) found.card = method.error;
      if (found.promo || !method.ok) {
        setFormErrors(found);
        if (found.promo) promoInput.current?.focus();
        else card.current?.focus();
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
    } finally {
      submitting.current = false;
    }
  };

  const terms = subscribeTerms(tier, interval, now);
  const trial = trialText(tier.trialDays);
  const saving = annualSaving(tier);
  const intervalErrorId = `${id}-interval-error`;
  const promoHintId = `${id}-promo-hint`;
  const promoErrorId = `${id}-promo-error`;
  const termsId = `${id}-terms`;
  return (
    <form className="form subscribe-form" noValidate onSubmit={(event) => void submit(event)}>
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

      <CardEntry ref={card} error={errors.card ?? null} autoFocus={tier.annualPrice === null} />

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

      <div className="payment-form__submit">
        {/* Always there, so what it says is read out as it changes. */}
        <p className="payment-form__status" role="status">
          {state.phase === 'processing'
            ? state.slow
              ? 'Your bank is taking a while. You can close this: your subscription appears under My subscriptions once the payment goes through.'
              : 'Your card is being processed…'
            : ''}
        </p>
        <button
          type="submit"
          className="button button--primary button--block"
          aria-describedby={termsId}
          // aria-disabled rather than disabled, so the focus stays on the button while the request is on its way.
          aria-disabled={subscribing.busy || undefined}
        >
          {state.phase === 'sending'
            ? 'Subscribing…'
            : state.phase === 'processing'
              ? 'Processing…'
              : terms.submit}
        </button>
      </div>
    </form>
  );
}
