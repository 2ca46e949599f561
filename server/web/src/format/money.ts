import { amount, formatAmount, type Amount, type Currency } from '@shared/domain/money';

/**
 * An amount for people to read: `$1,000.00`, `12.5 USDC`. The shared `formatAmount` writes what `parseAmount`
 * reads back (no separators); on a page, thousands are grouped with commas, the way the fan web's English reads.
 * Digits only, from the bigint: never through a float.
 */
export function displayAmount(a: Amount): string {
  return formatAmount(a, { symbol: true }).replace(/\d+/, groupThousands);
}

/** An amount the API sent as minor units in digits ("1250" → `$12.50`). */
export function displayMinor(currency: Currency, minor: string): string {
  return displayAmount(amount(currency, BigInt(minor)));
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
