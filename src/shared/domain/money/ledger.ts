import { ValidationError } from '../errors';
import { amount, splitFee, type Amount, type Currency } from './amount';

/**
 * The ledger's rules, free of storage. A transfer moves a positive amount from one account (debit) to another
 * (credit) in one currency, so every transfer is balanced by construction and the balances of all accounts
 * always sum to zero per currency. A business event (a tip, a refund) is one operation of one or more
 * transfers, written at once under one idempotency key. Nothing is ever changed or deleted: a reversal is a new
 * operation.
 *
 * An account's balance is what was credited to it minus what was debited from it. Accounts:
 * - `fan:<fanId>:<rail>`: money that came in from outside on a fan's behalf on a rail; it goes negative as the
 *   fan pays (it mirrors what the rail owes us back on refunds and disputes);
 * - `creator:<creatorId>`: what the platform owes a creator (their earnings less payouts); only a dispute may
 *   take it below zero (a debt recovered from later earnings);
 * - `hold:<holdId>`: money authorised and held (Bid-to-Meet), captured or released later; never negative;
 * - `dispute:<disputeId>`: a payment's shares frozen while a card dispute is open; never negative;
 * - `payout:<creatorId>:<rail>`: what was sent to the creator on the rail;
 * - `platform:fees`: the platform's fees; never negative.
 * Balances are derived from transfers, never kept in a row a transfer would update (a popular creator's tips
 * and the platform's fee account would serialise every payment on one locked row).
 */
export type AccountKind = 'fan' | 'creator' | 'hold' | 'dispute' | 'payout' | 'platform';

export const PLATFORM_FEES = 'platform:fees';

export const ledgerAccount = {
  fan: (fanId: string, rail: string) => `fan:${fanId}:${rail}`,
  creator: (creatorId: string) => `creator:${creatorId}`,
  hold: (holdId: string) => `hold:${holdId}`,
  dispute: (disputeId: string) => `dispute:${disputeId}`,
  payout: (creatorId: string, rail: string) => `payout:${creatorId}:${rail}`,
  platformFees: () => PLATFORM_FEES,
} as const;

export function accountKindOf(account: string): AccountKind {
  const kind = account.slice(0, account.indexOf(':'));
  if (!ACCOUNT_KINDS.includes(kind as AccountKind)) {
    throw new ValidationError(`not a ledger account: ${account}`, 'account');
  }
  return kind as AccountKind;
}
const ACCOUNT_KINDS: readonly AccountKind[] = ['fan', 'creator', 'hold', 'dispute', 'payout', 'platform'];

/** Accounts whose balance must never be below zero (the ledger audit reports any that is). */
export function mustNotGoNegative(account: string): boolean {
  const kind = accountKindOf(account);
  return kind === 'hold' || kind === 'dispute' || kind === 'platform' || kind === 'payout';
}

export interface Transfer {
  readonly debit: string;
  readonly credit: string;
  readonly amount: Amount;
}

/** Why a payment was made: earnings are reported per source. */
export type PaymentSource = 'tip' | 'subscription' | 'ppv' | 'ticket';

/** Checks what an operation may hold: at least one transfer, each positive, between two different accounts. */
export function validateTransfers(transfers: readonly Transfer[]): void {
  if (transfers.length === 0)
    throw new ValidationError('an operation moves at least one amount', 'transfers');
  for (const t of transfers) {
    accountKindOf(t.debit);
    accountKindOf(t.credit);
    if (t.debit === t.credit) throw new ValidationError('a transfer moves between two accounts', 'transfers');
    if (t.amount.minor <= 0n) throw new ValidationError('a transfer moves a positive amount', 'amount');
  }
}

/** Drops transfers of zero (a fee of 0 on a tiny tip). */
function nonZero(transfers: Transfer[]): Transfer[] {
  return transfers.filter((t) => t.amount.minor > 0n);
}

export interface PaymentShares {
  readonly fee: Amount;
  readonly net: Amount;
}

/** A settled payment: the creator's net and the platform's fee, both from the fan's funding on the rail. */
export function paymentTransfers(input: {
  readonly from: string;
  readonly creatorId: string;
  readonly total: Amount;
  readonly feeBasisPoints: number;
}): { transfers: Transfer[]; shares: PaymentShares } {
  if (input.total.minor <= 0n) throw new ValidationError('a payment moves a positive amount', 'amount');
  const shares = splitFee(input.total, input.feeBasisPoints);
  return {
    shares,
    transfers: nonZero([
      { debit: input.from, credit: ledgerAccount.creator(input.creatorId), amount: shares.net },
      { debit: input.from, credit: PLATFORM_FEES, amount: shares.fee },
    ]),
  };
}

/**
 * The fee part of `refunded` out of a payment of `total` whose fee was `fee`: rounded down, as the fee was, so
 * refunding everything returns exactly the fee, and any series of partial refunds returns what one refund of
 * their sum would (each refund takes the difference of the cumulative shares).
 */
export function feeShareOf(refunded: Amount, total: Amount, fee: Amount): Amount {
  if (total.minor === 0n) return amount(refunded.currency, 0n);
  return amount(refunded.currency, (refunded.minor * fee.minor) / total.minor);
}

/**
 * A refund of `refund` on a payment that already had `refundedBefore` refunded: the creator's share and the
 * platform's fee go back to the fan's funding in proportion (PRODUCT.md: no fee is kept on a refund).
 */
export function refundTransfers(input: {
  readonly to: string;
  readonly creatorId: string;
  readonly payment: { readonly total: Amount; readonly fee: Amount };
  readonly refundedBefore: Amount;
  readonly refund: Amount;
}): Transfer[] {
  const { total, fee } = input.payment;
  const currency: Currency = total.currency;
  for (const a of [fee, input.refundedBefore, input.refund]) {
    if (a.currency !== currency) throw new ValidationError(`refund must be in ${currency}`, 'currency');
  }
  if (input.refund.minor <= 0n) throw new ValidationError('a refund moves a positive amount', 'amount');
  const after = input.refundedBefore.minor + input.refund.minor;
  if (after > total.minor) {
    throw new ValidationError('a refund cannot exceed what was paid and not yet refunded', 'amount');
  }
  const feeBefore = feeShareOf(input.refundedBefore, total, fee).minor;
  const feeAfter = feeShareOf(amount(currency, after), total, fee).minor;
  const feePart = amount(currency, feeAfter - feeBefore);
  const creatorPart = amount(currency, input.refund.minor - feePart.minor);
  return nonZero([
    { debit: ledgerAccount.creator(input.creatorId), credit: input.to, amount: creatorPart },
    { debit: PLATFORM_FEES, credit: input.to, amount: feePart },
  ]);
}

/**
 * A card dispute opens: what is still unrefunded of the payment is frozen in the dispute's account, the
 * creator's share and the fee in proportion. `closed` then sends it back to the fan's side (lost) or back to
 * the creator and the platform (won) with `disputeClosedTransfers`.
 */
export function disputeOpenedTransfers(input: {
  readonly disputeId: string;
  readonly creatorId: string;
  readonly payment: { readonly total: Amount; readonly fee: Amount };
  readonly refundedBefore: Amount;
}): Transfer[] {
  const { total, fee } = input.payment;
  const remaining = amount(total.currency, total.minor - input.refundedBefore.minor);
  const feePart = amount(total.currency, fee.minor - feeShareOf(input.refundedBefore, total, fee).minor);
  const dispute = ledgerAccount.dispute(input.disputeId);
  return nonZero([
    {
      debit: ledgerAccount.creator(input.creatorId),
      credit: dispute,
      amount: amount(total.currency, remaining.minor - feePart.minor),
    },
    { debit: PLATFORM_FEES, credit: dispute, amount: feePart },
  ]);
}

/** Reverses `opened` (the transfers `disputeOpenedTransfers` made): back to the creator and platform when won, to the fan's side when lost. */
export function disputeClosedTransfers(input: {
  readonly opened: readonly Transfer[];
  readonly outcome: 'won' | 'lost';
  readonly fanAccount: string;
}): Transfer[] {
  return input.opened.map((t) => ({
    debit: t.credit,
    credit: input.outcome === 'won' ? t.debit : input.fanAccount,
    amount: t.amount,
  }));
}

/** Balances per account and currency after `transfers` (credits minus debits): for tests and audits. */
export function balancesOf(transfers: Iterable<Transfer>): Map<string, bigint> {
  const balances = new Map<string, bigint>();
  const add = (key: string, delta: bigint) => balances.set(key, (balances.get(key) ?? 0n) + delta);
  for (const t of transfers) {
    add(`${t.credit}|${t.amount.currency}`, t.amount.minor);
    add(`${t.debit}|${t.amount.currency}`, -t.amount.minor);
  }
  return balances;
}
