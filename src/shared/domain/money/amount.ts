import { ValidationError } from '../errors';
import { CurrencyMismatchError, InvalidAmountError, NegativeAmountError } from './errors';

/**
 * Money as integers in minor units with the currency next to them (PRODUCT.md, "Money"): no floats anywhere.
 * Amounts are never negative; arithmetic that would go below zero throws instead.
 */

export type Currency = 'USD' | 'USDC' | 'MESI';

export const CURRENCIES: readonly Currency[] = ['USD', 'USDC', 'MESI'];

/** Minor units per major unit, as a power of ten: cents, USDC's 6 decimals, the $MESI token's 18. */
export const CURRENCY_DECIMALS: Readonly<Record<Currency, number>> = { USD: 2, USDC: 6, MESI: 18 };

export interface Amount {
  readonly currency: Currency;
  readonly minor: bigint;
}

/** At most 78 decimal digits of minor units (a uint256 fits), the same bound as the JSON threshold schema. */
export const MAX_AMOUNT_DIGITS = 78;
const MINOR_LIMIT = 10n ** BigInt(MAX_AMOUNT_DIGITS);

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);
}

/** An amount of `minor` units; throws when negative or beyond 78 digits. */
export function amount(currency: Currency, minor: bigint): Amount {
  if (!isCurrency(currency)) {
    throw new InvalidAmountError('unknown_currency', `unknown currency ${String(currency)}`);
  }
  if (typeof minor !== 'bigint') {
    throw new InvalidAmountError('malformed', 'minor units must be a bigint');
  }
  if (minor < 0n)
    throw new NegativeAmountError(`amount must not be negative (got ${minor} ${currency} minor units)`);
  if (minor >= MINOR_LIMIT) {
    throw new InvalidAmountError('too_large', `amount must have at most ${MAX_AMOUNT_DIGITS} digits`);
  }
  return { currency, minor };
}

export function zero(currency: Currency): Amount {
  return amount(currency, 0n);
}

// Strict on purpose: plain digits, no sign, no exponent, no thousands separators, no leading zeros ("012" reads
// as octal to some), a leading digit before the dot (".5" and "5." are rejected as ambiguous).
const DECIMAL_PATTERN = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * Reads what a user typed ("12.50", "12", "0.5") as an amount. Surrounding whitespace is ignored; anything else
 * that is not plain digits with at most one dot and at most the currency's decimals throws InvalidAmountError.
 */
export function parseAmount(text: string, currency: Currency): Amount {
  if (!isCurrency(currency)) {
    throw new InvalidAmountError('unknown_currency', `unknown currency ${String(currency)}`);
  }
  if (typeof text !== 'string') throw new InvalidAmountError('malformed', 'amount must be text');
  const trimmed = text.trim();
  if (trimmed === '') throw new InvalidAmountError('empty', 'amount is empty');
  if (trimmed.startsWith('-')) throw new InvalidAmountError('negative', 'amount must not be negative');
  const digitCount = trimmed.replace(/[^0-9]/g, '').length;
  if (digitCount > MAX_AMOUNT_DIGITS) {
    throw new InvalidAmountError('too_many_digits', `amount must have at most ${MAX_AMOUNT_DIGITS} digits`);
  }
  const match = DECIMAL_PATTERN.exec(trimmed);
  if (!match) {
    throw new InvalidAmountError(
      'malformed',
      `amount must be digits with an optional decimal point, like 12.50`,
    );
  }
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  const decimals = CURRENCY_DECIMALS[currency];
  if (fraction.length > decimals) {
    throw new InvalidAmountError(
      'too_many_decimals',
      decimals === 1 ? `${currency} allows 1 decimal` : `${currency} allows at most ${decimals} decimals`,
    );
  }
  const minor = BigInt(whole + fraction.padEnd(decimals, '0'));
  return amount(currency, minor);
}

export interface FormatAmountOptions {
  /** Add the currency: "$12.50" for USD, "12.5 USDC" for the others. Default false (plain, parseable number). */
  readonly symbol?: boolean;
  /** Drop trailing zeros of the fraction. Default: false for USD (always cents), true for USDC and $MESI. */
  readonly trimZeros?: boolean;
}

/** Writes an amount as a plain decimal ("12.50", "12.5"); `parseAmount` reads the result back to the same amount. */
export function formatAmount(a: Amount, opts: FormatAmountOptions = {}): string {
  const decimals = CURRENCY_DECIMALS[a.currency];
  const trimZeros = opts.trimZeros ?? a.currency !== 'USD';
  const digits = a.minor.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  if (trimZeros) fraction = fraction.replace(/0+$/, '');
  const number = fraction === '' ? whole : `${whole}.${fraction}`;
  if (!opts.symbol) return number;
  return a.currency === 'USD' ? `$${number}` : `${number} ${a.currency}`;
}

function sameCurrency(a: Amount, b: Amount): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function addAmounts(a: Amount, b: Amount): Amount {
  sameCurrency(a, b);
  return amount(a.currency, a.minor + b.minor);
}

/** a − b; throws NegativeAmountError when b is larger than a (money never goes below zero). */
export function subtractAmounts(a: Amount, b: Amount): Amount {
  sameCurrency(a, b);
  if (b.minor > a.minor) {
    throw new NegativeAmountError(
      `cannot take ${formatAmount(b, { symbol: true })} from ${formatAmount(a, { symbol: true })}`,
    );
  }
  return amount(a.currency, a.minor - b.minor);
}

/** −1, 0 or 1, like a sort comparator; both amounts must be in the same currency. */
export function compareAmounts(a: Amount, b: Amount): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

export function isZero(a: Amount): boolean {
  return a.minor === 0n;
}

export function amountsEqual(a: Amount, b: Amount): boolean {
  return a.currency === b.currency && a.minor === b.minor;
}

/** 100% in basis points. */
export const BASIS_POINTS = 10_000;

/**
 * Splits a payment into the platform fee and the creator's net. The fee rounds down, so any fraction of a minor
 * unit goes to the creator; fee + net always equals total.
 */
export function splitFee(total: Amount, feeBasisPoints: number): { fee: Amount; net: Amount } {
  if (!Number.isInteger(feeBasisPoints) || feeBasisPoints < 0 || feeBasisPoints > BASIS_POINTS) {
    throw new ValidationError(
      `fee must be a whole number of basis points from 0 to ${BASIS_POINTS}`,
      'feeBasisPoints',
    );
  }
  const feeMinor = (total.minor * BigInt(feeBasisPoints)) / BigInt(BASIS_POINTS);
  return { fee: amount(total.currency, feeMinor), net: amount(total.currency, total.minor - feeMinor) };
}

/**
 * Divides `total` in proportion to `weights` by the largest-remainder method: each share is rounded down, then the
 * units left over go one each to the largest remainders, the lowest index first among equal remainders. The shares
 * always add up to exactly `total`, each is within one unit of its exact proportion, and a zero weight gets zero.
 */
export function allocate(total: Amount, weights: readonly bigint[]): Amount[] {
  if (weights.length === 0) throw new ValidationError('nothing to allocate to: no weights', 'weights');
  let weightSum = 0n;
  for (const w of weights) {
    if (typeof w !== 'bigint' || w < 0n) throw new ValidationError('weights must be non-negative', 'weights');
    weightSum += w;
  }
  if (weightSum === 0n) {
    // Dividing by nothing would lose the whole total; the caller decides what an unweighted pool means.
    throw new ValidationError('weights must not all be zero', 'weights');
  }
  const shares = weights.map((w) => (total.minor * w) / weightSum);
  const remainders = weights.map((w) => (total.minor * w) % weightSum);
  let leftover = total.minor - shares.reduce((sum, s) => sum + s, 0n);
  const order = weights
    .map((_, index) => index)
    .sort((i, j) => {
      const ri = remainders[i] ?? 0n;
      const rj = remainders[j] ?? 0n;
      return ri > rj ? -1 : ri < rj ? 1 : i - j;
    });
  // leftover < weights.length, and only indices with a non-zero remainder are reached before it runs out.
  for (const index of order) {
    if (leftover === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return shares.map((s) => amount(total.currency, s));
}
