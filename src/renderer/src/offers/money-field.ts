import { amount, formatAmount, parseAmount } from '@shared/domain/money/amount';

/** Cents as a money field shows them to edit: '900' → '9.00'. */
export const dollarsOf = (minor: string): string => formatAmount(amount('USD', BigInt(minor)));

/**
 * What a money field holds, in cents as digits (read by `parseAmount`: digits, never a float), or why it
 * cannot be read, as a sentence naming the field (`what`: "the monthly price").
 */
export function centsOf(text: string, what: string): { readonly cents: string } | { readonly error: string } {
  if (text.trim() === '') return { error: `Enter ${what}, like 9.99.` };
  try {
    return { cents: parseAmount(text, 'USD').minor.toString() };
  } catch {
    return { error: `Write ${what} in dollars and cents, like 9.99.` };
  }
}
