import { CardElement, Elements } from '@stripe/react-stripe-js';
import type { Stripe, StripeCardElement, StripeCardElementOptions } from '@stripe/stripe-js';
import { useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import type { CardEntryProps } from './CardEntry';
import { CardEntryStatus } from './CardEntryStatus';
import { STRIPE_COULD_NOT_LOAD, STRIPE_LOADING, stripeCardPaymentMethod } from './stripe-card';
import { stripeJsFor } from './stripe-js';

export interface StripeCardEntryProps extends CardEntryProps {
  /** The server's publishable key (`payments.config`). */
  readonly publishableKey: string;
}

type StripeJsState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly stripe: Stripe }
  | { readonly status: 'failed' };

/**
 * The card part on Stripe: Stripe Elements' card field, its payment method (`pm_…`) made by Stripe.js in the
 * fan's browser, so card numbers never reach our server. Same props and handle as the sandbox's form. If Stripe.js
 * cannot load (offline, blocked), the card part says so and Pay answers with that instead of waiting.
 */
export function StripeCardEntry({ publishableKey, ...card }: StripeCardEntryProps) {
  const stripeJs = useStripeJs(publishableKey);
  if (stripeJs.status === 'failed') {
    return <CardEntryStatus ref={card.ref} error={card.error} message={STRIPE_COULD_NOT_LOAD} failed />;
  }
  if (stripeJs.status === 'loading') {
    return <CardEntryStatus ref={card.ref} error={card.error} message={STRIPE_LOADING} />;
  }
  return (
    <Elements stripe={stripeJs.stripe}>
      <StripeCardField stripe={stripeJs.stripe} {...card} />
    </Elements>
  );
}

/** Stripe.js for the key, loaded once per key (see stripe-js.ts); the state is kept with the key it is for. */
function useStripeJs(publishableKey: string): StripeJsState {
  const [loaded, setLoaded] = useState<{ key: string; state: StripeJsState } | null>(null);
  useEffect(() => {
    let current = true;
    stripeJsFor(publishableKey).then(
      (stripe) => current && setLoaded({ key: publishableKey, state: { status: 'ready', stripe } }),
      () => current && setLoaded({ key: publishableKey, state: { status: 'failed' } }),
    );
    return () => {
      current = false;
    };
  }, [publishableKey]);
  return loaded?.key === publishableKey ? loaded.state : { status: 'loading' };
}

function StripeCardField({ stripe, ref, error, autoFocus = false }: CardEntryProps & { stripe: Stripe }) {
  const id = useId();
  const field = useRef<StripeCardElement | null>(null);
  // Read once: Stripe's field is in a frame of its own and cannot inherit the page's colours and size.
  const [options] = useState(cardFieldOptions);
  useImperativeHandle(
    ref,
    () => ({
      paymentMethod: () => stripeCardPaymentMethod(stripe, field.current),
      focus: () => field.current?.focus(),
    }),
    [stripe],
  );

  const noticeId = `${id}-notice`;
  const labelId = `${id}-label`;
  const errorId = `${id}-error`;
  return (
    <fieldset className="card-entry card-entry--stripe" aria-describedby={noticeId}>
      <legend className="card-entry__legend">Card</legend>
      <p id={noticeId} className="card-entry__secure">
        Your card details go straight to Stripe, our card processor; Mesi never sees the card number.
      </p>
      <div className={error ? 'field field--invalid' : 'field'}>
        <p id={labelId} className="field__label">
          Card details
        </p>
        <CardElement
          id={id}
          className="field__input card-entry__stripe"
          options={options}
          onReady={(element) => {
            field.current = element;
            // The dialog's `data-autofocus` cannot reach into Stripe's frame; the field takes the focus itself.
            if (autoFocus) element.focus();
          }}
        />
        {error ? (
          <p id={errorId} className="field__error">
            {error}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}

/** Stripe's field in the page's text colour and size (light or dark scheme), without Link's e-mail prompt. */
function cardFieldOptions(): StripeCardElementOptions {
  const page = getComputedStyle(document.body);
  return {
    disableLink: true,
    style: { base: { color: page.color, fontSize: page.fontSize, iconColor: page.color } },
  };
}
