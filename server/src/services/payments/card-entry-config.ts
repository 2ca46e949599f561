/**
 * What the fan web's card part needs to know (`payments.config`, public): which rail takes cards, and for Stripe
 * the publishable key Stripe Elements is opened with. The secret key and the webhook secret never go in here.
 */
export type CardEntryConfig =
  { readonly rail: 'sandbox' } | { readonly rail: 'stripe'; readonly publishableKey: string };

/** Stripe's card entry when Stripe is configured (its three keys go together), else the sandbox's card form. */
export function cardEntryConfigFor(stripe: { readonly publishableKey: string } | null): CardEntryConfig {
  return stripe ? { rail: 'stripe', publishableKey: stripe.publishableKey } : { rail: 'sandbox' };
}

/** Whether the fan web loads Stripe.js, so the page's CSP must let it in (see security-headers.ts). */
export function loadsStripeJs(config: CardEntryConfig): boolean {
  return config.rail === 'stripe';
}
