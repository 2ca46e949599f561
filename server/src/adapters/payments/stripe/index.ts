/**
 * The `stripe` payment rail: StripeRail (the PaymentRail on Stripe's official SDK) and the webhook parser. The
 * local stand-in of Stripe's API (`stripe-stand-in.ts`) is test support and is deliberately not exported here.
 */
export { StripeRail, type StripeRailOptions } from './stripe-rail';
export { parseStripeWebhook, WebhookSignatureError, type ParseStripeWebhookOptions } from './stripe-webhooks';
export { UnsupportedCurrencyError } from './stripe-amounts';
export { StripeUnavailableError } from './stripe-errors';
