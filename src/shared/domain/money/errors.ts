import { ValidationError } from '../errors';
import type { Currency } from './amount';

/** Money errors are validation errors at the edge (BAD_REQUEST), with their own stable codes. */

export class CurrencyMismatchError extends ValidationError {
  override readonly name = 'CurrencyMismatchError';
  override readonly code = 'currency_mismatch';
  constructor(
    readonly left: Currency,
    readonly right: Currency,
  ) {
    super(`cannot combine ${left} with ${right}`, 'currency');
  }
}

/** Why a piece of text or a number is not a valid amount. */
export type InvalidAmountReason =
  | 'empty'
  | 'malformed'
  | 'negative'
  | 'too_many_decimals'
  | 'too_many_digits'
  | 'too_large'
  | 'unknown_currency';

export class InvalidAmountError extends ValidationError {
  override readonly name = 'InvalidAmountError';
  override readonly code = 'invalid_amount';
  constructor(
    readonly reason: InvalidAmountReason,
    message: string,
  ) {
    super(message, 'amount');
  }
}

/** An amount would go below zero: money amounts are never negative (a debit larger than a balance, say). */
export class NegativeAmountError extends ValidationError {
  override readonly name = 'NegativeAmountError';
  override readonly code = 'negative_amount';
  constructor(message = 'amount would be negative') {
    super(message, 'amount');
  }
}
