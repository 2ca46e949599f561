import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amount, splitFee } from './amount';
import {
  balancesOf,
  disputeClosedTransfers,
  disputeOpenedTransfers,
  feeShareOf,
  ledgerAccount,
  mustNotGoNegative,
  paymentTransfers,
  PLATFORM_FEES,
  refundTransfers,
  validateTransfers,
  type Transfer,
} from './ledger';

const usd = (minor: bigint) => amount('USD', minor);

interface Payment {
  total: bigint;
  fee: bigint;
  refunded: bigint;
  disputed: Transfer[] | null;
  fan: string;
  creatorId: string;
}

type Step =
  | { kind: 'pay'; fan: number; creator: number; total: bigint; feeBp: number }
  | { kind: 'refund'; payment: number; fraction: number }
  | { kind: 'dispute'; payment: number; outcome: 'won' | 'lost' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('pay' as const),
    fan: fc.nat(4),
    creator: fc.nat(2),
    total: fc.bigInt(1n, 10_000_000n),
    feeBp: fc.integer({ min: 0, max: 10_000 }),
  }),
  fc.record({
    kind: fc.constant('refund' as const),
    payment: fc.nat(50),
    fraction: fc.double({ min: 0.01, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('dispute' as const),
    payment: fc.nat(50),
    outcome: fc.constantFrom('won' as const, 'lost' as const),
  }),
);

/** Plays steps as the payments service would, refusing what it would refuse; returns every transfer made. */
function play(steps: Step[]): { transfers: Transfer[]; payments: Payment[] } {
  const transfers: Transfer[] = [];
  const payments: Payment[] = [];
  const write = (made: Transfer[]) => {
    if (made.length === 0) return;
    validateTransfers(made);
    transfers.push(...made);
  };
  for (const s of steps) {
    if (s.kind === 'pay') {
      const fan = ledgerAccount.fan(`fan${s.fan}`, 'sandbox');
      const creatorId = `creator${s.creator}`;
      const made = paymentTransfers({ from: fan, creatorId, total: usd(s.total), feeBasisPoints: s.feeBp });
      write(made.transfers);
      payments.push({
        total: s.total,
        fee: made.shares.fee.minor,
        refunded: 0n,
        disputed: null,
        fan,
        creatorId,
      });
      continue;
    }
    const payment = payments[s.payment % Math.max(payments.length, 1)];
    if (!payment || payment.disputed) continue;
    const left = payment.total - payment.refunded;
    if (s.kind === 'refund') {
      const refund = BigInt(Math.max(1, Math.floor(Number(left) * s.fraction)));
      if (left === 0n || refund > left) continue;
      write(
        refundTransfers({
          to: payment.fan,
          creatorId: payment.creatorId,
          payment: { total: usd(payment.total), fee: usd(payment.fee) },
          refundedBefore: usd(payment.refunded),
          refund: usd(refund),
        }),
      );
      payment.refunded += refund;
    } else {
      const opened = disputeOpenedTransfers({
        disputeId: `d${transfers.length}`,
        creatorId: payment.creatorId,
        payment: { total: usd(payment.total), fee: usd(payment.fee) },
        refundedBefore: usd(payment.refunded),
      });
      write(opened);
      write(disputeClosedTransfers({ opened, outcome: s.outcome, fanAccount: payment.fan }));
      payment.disputed = opened;
    }
  }
  return { transfers, payments };
}

describe('ledger rules', () => {
  it('any sequence of payments, partial refunds and disputes sums to zero, never goes negative where it must not, and returns the fee exactly', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const { transfers, payments } = play(steps);
        const balances = balancesOf(transfers);
        let sum = 0n;
        for (const [key, balance] of balances) {
          sum += balance;
          const account = key.slice(0, key.lastIndexOf('|'));
          if (mustNotGoNegative(account)) expect(balance, account).toBeGreaterThanOrEqual(0n);
        }
        expect(sum).toBe(0n);
        // What the platform keeps is exactly the fee of what was neither refunded nor lost in a dispute.
        let keptFees = 0n;
        let fansPaid = 0n;
        for (const p of payments) {
          const kept = p.disputed ? 0n : p.total - p.refunded;
          if (!p.disputed) keptFees += p.fee - feeShareOf(usd(p.refunded), usd(p.total), usd(p.fee)).minor;
          fansPaid += kept;
        }
        // With a dispute, which way it closed decides the split; the sum and the signs are checked above.
        if (!payments.some((p) => p.disputed)) {
          expect(balances.get(`${PLATFORM_FEES}|USD`) ?? 0n).toBe(keptFees);
          let fanSide = 0n;
          for (const [key, balance] of balances) if (key.startsWith('fan:')) fanSide += balance;
          expect(-fanSide).toBe(fansPaid);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splits a payment into net and fee that add up to the total, the fee rounded down', () => {
    fc.assert(
      fc.property(fc.bigInt(1n, 10n ** 20n), fc.integer({ min: 0, max: 10_000 }), (total, bp) => {
        const { shares, transfers } = paymentTransfers({
          from: ledgerAccount.fan('f', 'sandbox'),
          creatorId: 'c',
          total: usd(total),
          feeBasisPoints: bp,
        });
        expect(shares.net.minor + shares.fee.minor).toBe(total);
        expect(shares).toEqual(splitFee(usd(total), bp));
        expect(transfers.reduce((s, t) => s + t.amount.minor, 0n)).toBe(total);
      }),
    );
  });

  it('partial refunds return in total exactly what one refund of their sum would', () => {
    fc.assert(
      fc.property(
        fc.bigInt(1n, 1_000_000n),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.bigInt(1n, 1_000_000n), { minLength: 1, maxLength: 8 }),
        (total, bp, parts) => {
          const fee = splitFee(usd(total), bp).fee;
          let refunded = 0n;
          let feeBack = 0n;
          for (const part of parts) {
            const refund = part > total - refunded ? total - refunded : part;
            if (refund === 0n) break;
            const made = refundTransfers({
              to: 'fan:f:sandbox',
              creatorId: 'c',
              payment: { total: usd(total), fee },
              refundedBefore: usd(refunded),
              refund: usd(refund),
            });
            feeBack += made.filter((t) => t.debit === PLATFORM_FEES).reduce((s, t) => s + t.amount.minor, 0n);
            refunded += refund;
          }
          expect(feeBack).toBe(feeShareOf(usd(refunded), usd(total), fee).minor);
          if (refunded === total) expect(feeBack).toBe(fee.minor);
        },
      ),
    );
  });

  it('refuses a refund beyond what is left, of zero, or in another currency', () => {
    const payment = { total: usd(1000n), fee: usd(100n) };
    const base = { to: 'fan:f:sandbox', creatorId: 'c', payment };
    expect(() => refundTransfers({ ...base, refundedBefore: usd(900n), refund: usd(101n) })).toThrow(
      /exceed/,
    );
    expect(() => refundTransfers({ ...base, refundedBefore: usd(0n), refund: usd(0n) })).toThrow(/positive/);
    expect(() => refundTransfers({ ...base, refundedBefore: usd(0n), refund: amount('USDC', 5n) })).toThrow(
      /USD/,
    );
  });

  it('refuses transfers that are empty, zero, to the same account or to an unknown kind', () => {
    expect(() => validateTransfers([])).toThrow(/at least one/);
    expect(() => validateTransfers([{ debit: 'creator:a', credit: 'creator:a', amount: usd(1n) }])).toThrow(
      /two accounts/,
    );
    expect(() =>
      validateTransfers([{ debit: 'creator:a', credit: 'platform:fees', amount: usd(0n) }]),
    ).toThrow(/positive/);
    expect(() => validateTransfers([{ debit: 'bank:a', credit: 'platform:fees', amount: usd(1n) }])).toThrow(
      /not a ledger account/,
    );
  });
});
