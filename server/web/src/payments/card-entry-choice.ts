import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../src/routers/index';

/** What the server says of its card rail (`payments.config`): the sandbox, or Stripe with its publishable key. */
export type CardEntryConfig = inferRouterOutputs<AppRouter>['payments']['config'];

/** Which card part a payment form shows. */
export type CardEntryChoice =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'sandbox' }
  | { readonly kind: 'stripe'; readonly publishableKey: string };

/**
 * The card part for what the server said: Stripe Elements with a publishable key, else the sandbox's form; until
 * it answers, a loading card part, and if it cannot be asked, one saying card payments could not load. Never the
 * sandbox's form on a guess: on a Stripe server its test cards would only be refused.
 */
export function cardEntryChoice(config: {
  readonly data?: CardEntryConfig | undefined;
  readonly isError: boolean;
}): CardEntryChoice {
  if (config.data) {
    return config.data.rail === 'stripe'
      ? { kind: 'stripe', publishableKey: config.data.publishableKey }
      : { kind: 'sandbox' };
  }
  return config.isError ? { kind: 'unavailable' } : { kind: 'loading' };
}
