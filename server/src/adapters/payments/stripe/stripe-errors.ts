import Stripe from 'stripe';
import { ConflictError, UnavailableError } from '@shared/domain/errors';

/** Stripe could not be reached or answered with a fault of its own: the call may be retried with the same key. */
export class StripeUnavailableError extends UnavailableError {
  override readonly name = 'StripeUnavailableError';
  override readonly code = 'stripe_unavailable';
}

/**
 * The SDK's errors in the domain's words where the domain has one: a network fault, a Stripe-side fault or a rate
 * limit is `unavailable` (try again later, same key); an idempotency key reused with other parameters is a
 * `conflict`. Everything else (an invalid request, a wrong key or permission) is a bug or a configuration error
 * and is rethrown as the SDK raised it, to be logged.
 */
export function translateStripeError(error: unknown): unknown {
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError
  ) {
    return new StripeUnavailableError(
      'the card processor (Stripe) is unavailable right now; try again shortly',
      {
        cause: error,
      },
    );
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new ConflictError(`Stripe refused a reused idempotency key: ${error.message}`, { cause: error });
  }
  return error;
}
