import { isCurrency } from '@shared/domain/money';
import { displayMinor } from '../format/money';
import { percentOfBasisPoints } from '../format/percent';
import type { BuyPrice } from './purchase-types';

/** What buying a post is said to cost, on its Buy button and in the buy dialog. */
export interface BuyTerms {
  /** `$4.50`: what is charged. */
  readonly price: string;
  /** What the charge is: the price, or the price less the fan's subscriber discount. */
  readonly lines: readonly string[];
  readonly submit: string;
}

/**
 * The server's price for the fan, in words: `Buy for $4.50`, and, with a tier's discount, `$5.00, less your 10%
 * subscriber discount: $4.50.` Null for a currency the page cannot write.
 */
export function buyTerms(price: BuyPrice): BuyTerms | null {
  if (!isCurrency(price.currency)) return null;
  const charged = displayMinor(price.currency, price.amount);
  const discounted = price.discountBps > 0 && price.fullAmount !== price.amount;
  const what = discounted
    ? `${displayMinor(price.currency, price.fullAmount)}, less your ${percentOfBasisPoints(price.discountBps)} subscriber discount: ${charged}.`
    : `${charged}, paid once.`;
  return {
    price: charged,
    lines: [what, 'The post stays open to you for good.'],
    submit: `Buy for ${charged}`,
  };
}
