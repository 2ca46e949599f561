import type { Stripe } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';

/**
 * How long the card part waits for Stripe.js before it says card payments could not load. A blocked script fails
 * at once; a network that swallows the request would otherwise leave the card part loading for good.
 */
const LOAD_TIMEOUT_MS = 20_000;

const loads = new Map<string, Promise<Stripe>>();

/**
 * Stripe.js opened with a publishable key, loaded once per key (every payment form shares it). From
 * `@stripe/stripe-js/pure`: the script is fetched when a card part first asks, not on every page of the app. A
 * failed load is forgotten, so the next card form opened tries again.
 */
export function stripeJsFor(publishableKey: string): Promise<Stripe> {
  let load = loads.get(publishableKey);
  if (!load) {
    load = withTimeout(loadStripe(publishableKey), LOAD_TIMEOUT_MS).then((stripe) => {
      // null only where there is no window (never in a browser); treated as a failed load.
      if (!stripe) throw new Error('Stripe.js is not available here');
      return stripe;
    });
    loads.set(publishableKey, load);
    load.catch(() => loads.delete(publishableKey));
  }
  return load;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Stripe.js did not load within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
