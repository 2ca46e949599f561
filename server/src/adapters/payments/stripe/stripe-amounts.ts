import { amount, type Amount, type Currency } from '@shared/domain/money';
import { ValidationError } from '@shared/domain/errors';

/**
 * Money across the Stripe boundary: Stripe takes and gives integers in the currency's smallest unit with a
 * lower-case ISO code. Only USD (cents) goes to Stripe: USDC and $MESI travel on the chain rails.
 */

/** A currency the Stripe rail does not carry (only USD does). */
export class UnsupportedCurrencyError extends ValidationError {
  override readonly name = 'UnsupportedCurrencyError';
  override readonly code = 'unsupported_currency';
  constructor(readonly currency: string) {
    super(
      `the card rail (Stripe) only takes USD, not ${currency}; pay ${currency} on chain instead`,
      'currency',
    );
  }
}

/** Stripe's currency code for the one currency it carries for us. */
export const STRIPE_CURRENCY = 'usd';

/** An amount as Stripe's integer of cents; refuses anything but USD, and amounts a JS number cannot hold exactly. */
export function toStripeAmount(value: Amount): number {
  if (value.currency !== 'USD') throw new UnsupportedCurrencyError(value.currency);
  if (value.minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ValidationError('amount is too large for a card payment', 'amount');
  }
  return Number(value.minor);
}

/** Stripe's integer and currency code back as an Amount; refuses any currency but USD. */
export function fromStripeAmount(minor: number, currency: string): Amount {
  if (currency.toLowerCase() !== STRIPE_CURRENCY) throw new UnsupportedCurrencyError(currency.toUpperCase());
  if (!Number.isSafeInteger(minor))
    throw new ValidationError(`Stripe sent a malformed amount: ${minor}`, 'amount');
  return amount('USD' satisfies Currency, BigInt(minor));
}
