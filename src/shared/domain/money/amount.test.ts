import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  addAmounts,
  allocate,
  amount,
  compareAmounts,
  CURRENCIES,
  CURRENCY_DECIMALS,
  formatAmount,
  isZero,
  parseAmount,
  splitFee,
  subtractAmounts,
  type Amount,
  type Currency,
} from './amount';
import { CurrencyMismatchError, InvalidAmountError, NegativeAmountError } from './errors';

const currencyArb = fc.constantFrom<Currency>(...CURRENCIES);
const minorArb = fc.bigInt({ min: 0n, max: 10n ** 78n - 1n });
const amountArb = fc.tuple(currencyArb, minorArb).map(([c, m]) => amount(c, m));
const smallMinorArb = fc.bigInt({ min: 0n, max: 10n ** 30n });

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidAmountError) return err.reason;
    throw err;
  }
  throw new Error('expected an InvalidAmountError');
}

describe('currencies', () => {
  it('are USD in cents, USDC with 6 decimals and $MESI with 18', () => {
    expect(CURRENCIES).toEqual(['USD', 'USDC', 'MESI']);
    expect(CURRENCY_DECIMALS).toEqual({ USD: 2, USDC: 6, MESI: 18 });
  });
});

describe('parseAmount', () => {
  it('reads dollars and cents as cents', () => {
    expect(parseAmount('12.50', 'USD')).toEqual({ currency: 'USD', minor: 1250n });
    expect(parseAmount('12', 'USD')).toEqual({ currency: 'USD', minor: 1200n });
    expect(parseAmount('0.5', 'USD')).toEqual({ currency: 'USD', minor: 50n });
    expect(parseAmount('0', 'USD')).toEqual({ currency: 'USD', minor: 0n });
  });

  it('reads USDC with 6 decimals and $MESI with 18', () => {
    expect(parseAmount('12.5', 'USDC').minor).toBe(12_500_000n);
    expect(parseAmount('0.000001', 'USDC').minor).toBe(1n);
    expect(parseAmount('1', 'MESI').minor).toBe(10n ** 18n);
    expect(parseAmount('0.000000000000000001', 'MESI').minor).toBe(1n);
  });

  it('ignores whitespace around the number', () => {
    expect(parseAmount('  12.50\n', 'USD').minor).toBe(1250n);
  });

  it('rejects more decimals than the currency has', () => {
    expect(reasonOf(() => parseAmount('1.005', 'USD'))).toBe('too_many_decimals');
    expect(reasonOf(() => parseAmount('1.000', 'USD'))).toBe('too_many_decimals');
    expect(reasonOf(() => parseAmount('1.0000001', 'USDC'))).toBe('too_many_decimals');
    expect(() => parseAmount('1.005', 'USD')).toThrow('USD allows at most 2 decimals');
  });

  it('rejects negative, empty and non-numeric text', () => {
    expect(reasonOf(() => parseAmount('-1', 'USD'))).toBe('negative');
    expect(reasonOf(() => parseAmount('-0', 'USD'))).toBe('negative');
    expect(reasonOf(() => parseAmount('', 'USD'))).toBe('empty');
    expect(reasonOf(() => parseAmount('   ', 'USD'))).toBe('empty');
    for (const text of [
      'NaN',
      'Infinity',
      'abc',
      '1e3',
      '1E3',
      '+1',
      '0x10',
      '.5',
      '5.',
      '1.2.3',
      '012',
      '1,000',
      '1 000',
      '١٢',
    ]) {
      expect(
        reasonOf(() => parseAmount(text, 'USD')),
        text,
      ).toBe('malformed');
    }
  });

  it('rejects more than 78 digits and amounts whose minor units pass 78 digits', () => {
    expect(reasonOf(() => parseAmount('1'.repeat(79), 'USD'))).toBe('too_many_digits');
    expect(parseAmount('9'.repeat(76), 'USD').minor).toBe(10n ** 78n - 100n);
    expect(reasonOf(() => parseAmount('1'.repeat(77), 'USD'))).toBe('too_large');
  });

  it('rejects an unknown currency', () => {
    expect(reasonOf(() => parseAmount('1', 'EUR' as Currency))).toBe('unknown_currency');
  });

  it('throws errors the edge reports as validation errors', () => {
    try {
      parseAmount('1.005', 'USD');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as InvalidAmountError).code).toBe('invalid_amount');
      expect((err as DomainError).kind).toBe('validation');
    }
  });
});

describe('formatAmount', () => {
  it('always shows cents for USD and trims trailing zeros for tokens', () => {
    expect(formatAmount(amount('USD', 1250n))).toBe('12.50');
    expect(formatAmount(amount('USD', 1200n))).toBe('12.00');
    expect(formatAmount(amount('USD', 5n))).toBe('0.05');
    expect(formatAmount(amount('USD', 0n))).toBe('0.00');
    expect(formatAmount(amount('USDC', 12_500_000n))).toBe('12.5');
    expect(formatAmount(amount('USDC', 12_000_000n))).toBe('12');
    expect(formatAmount(amount('USDC', 0n))).toBe('0');
    expect(formatAmount(amount('MESI', 1n))).toBe('0.000000000000000001');
  });

  it('adds the currency when asked', () => {
    expect(formatAmount(amount('USD', 1250n), { symbol: true })).toBe('$12.50');
    expect(formatAmount(amount('USDC', 12_500_000n), { symbol: true })).toBe('12.5 USDC');
    expect(formatAmount(amount('MESI', 3n * 10n ** 18n), { symbol: true })).toBe('3 MESI');
  });

  it('honours an explicit trimZeros choice', () => {
    expect(formatAmount(amount('USD', 1250n), { trimZeros: true })).toBe('12.5');
    expect(formatAmount(amount('USD', 1200n), { trimZeros: true })).toBe('12');
    expect(formatAmount(amount('USDC', 12_500_000n), { trimZeros: false })).toBe('12.500000');
  });

  it('reads back to the same amount whatever the options', () => {
    fc.assert(
      fc.property(amountArb, fc.boolean(), (a, trimZeros) => {
        expect(parseAmount(formatAmount(a), a.currency)).toEqual(a);
        expect(parseAmount(formatAmount(a, { trimZeros }), a.currency)).toEqual(a);
      }),
    );
  });
});

describe('amount arithmetic', () => {
  it('refuses negative amounts and amounts beyond 78 digits', () => {
    expect(() => amount('USD', -1n)).toThrow(NegativeAmountError);
    expect(() => amount('USD', 10n ** 78n)).toThrow(InvalidAmountError);
    expect(amount('USD', 10n ** 78n - 1n).minor).toBe(10n ** 78n - 1n);
  });

  it('adds, subtracts and compares within one currency', () => {
    const a = amount('USD', 1250n);
    const b = amount('USD', 250n);
    expect(addAmounts(a, b)).toEqual(amount('USD', 1500n));
    expect(subtractAmounts(a, b)).toEqual(amount('USD', 1000n));
    expect(subtractAmounts(a, a)).toEqual(amount('USD', 0n));
    expect(compareAmounts(a, b)).toBe(1);
    expect(compareAmounts(b, a)).toBe(-1);
    expect(compareAmounts(a, amount('USD', 1250n))).toBe(0);
    expect(isZero(subtractAmounts(a, a))).toBe(true);
    expect(isZero(a)).toBe(false);
  });

  it('never mixes currencies', () => {
    const usd = amount('USD', 100n);
    const usdc = amount('USDC', 100n);
    expect(() => addAmounts(usd, usdc)).toThrow(CurrencyMismatchError);
    expect(() => subtractAmounts(usd, usdc)).toThrow(CurrencyMismatchError);
    expect(() => compareAmounts(usd, usdc)).toThrow('cannot combine USD with USDC');
  });

  it('never goes below zero', () => {
    expect(() => subtractAmounts(amount('USD', 100n), amount('USD', 101n))).toThrow(
      'cannot take $1.01 from $1.00',
    );
  });

  it('subtracting what was added gives the amount back', () => {
    fc.assert(
      fc.property(currencyArb, smallMinorArb, smallMinorArb, (c, x, y) => {
        const a = amount(c, x);
        const b = amount(c, y);
        expect(subtractAmounts(addAmounts(a, b), b)).toEqual(a);
        expect(compareAmounts(addAmounts(a, b), a)).toBe(y === 0n ? 0 : 1);
      }),
    );
  });
});

describe('splitFee', () => {
  it('takes 10% as 1000 basis points', () => {
    expect(splitFee(amount('USD', 1000n), 1000)).toEqual({
      fee: amount('USD', 100n),
      net: amount('USD', 900n),
    });
  });

  it('rounds the fee down so the creator keeps the fraction', () => {
    expect(splitFee(amount('USD', 999n), 1000)).toEqual({
      fee: amount('USD', 99n),
      net: amount('USD', 900n),
    });
    expect(splitFee(amount('USD', 9n), 1000)).toEqual({ fee: amount('USD', 0n), net: amount('USD', 9n) });
  });

  it('handles no fee and a full fee', () => {
    expect(splitFee(amount('USDC', 123n), 0).fee.minor).toBe(0n);
    expect(splitFee(amount('USDC', 123n), 10_000).net.minor).toBe(0n);
  });

  it('rejects a fee that is not whole basis points from 0 to 10000', () => {
    for (const bp of [-1, 10_001, 2.5, Number.NaN]) {
      expect(() => splitFee(amount('USD', 100n), bp)).toThrow('basis points');
    }
  });

  it('fee plus net is always the total, and the fee never exceeds its exact share', () => {
    fc.assert(
      fc.property(amountArb, fc.integer({ min: 0, max: 10_000 }), (total, bp) => {
        const { fee, net } = splitFee(total, bp);
        expect(fee.currency).toBe(total.currency);
        expect(fee.minor + net.minor).toBe(total.minor);
        expect(fee.minor * 10_000n <= total.minor * BigInt(bp)).toBe(true);
        expect((fee.minor + 1n) * 10_000n > total.minor * BigInt(bp)).toBe(true);
      }),
    );
  });
});

describe('allocate', () => {
  const minors = (xs: Amount[]): bigint[] => xs.map((x) => x.minor);

  it('splits in proportion to the weights', () => {
    expect(minors(allocate(amount('USD', 1000n), [1n, 1n, 2n]))).toEqual([250n, 250n, 500n]);
  });

  it('gives leftover units to the largest remainders', () => {
    // 100 × 1/6, 2/6, 3/6 → 16.67, 33.33, 50 → 17, 33, 50
    expect(minors(allocate(amount('USD', 100n), [1n, 2n, 3n]))).toEqual([17n, 33n, 50n]);
  });

  it('breaks ties between equal remainders at the lowest index', () => {
    expect(minors(allocate(amount('USD', 100n), [1n, 1n, 1n]))).toEqual([34n, 33n, 33n]);
    expect(minors(allocate(amount('USD', 2n), [1n, 1n, 1n]))).toEqual([1n, 1n, 0n]);
  });

  it('gives nothing to a zero weight', () => {
    expect(minors(allocate(amount('USD', 101n), [0n, 1n, 0n, 1n]))).toEqual([0n, 51n, 0n, 50n]);
  });

  it('rejects no weights, negative weights and all-zero weights', () => {
    expect(() => allocate(amount('USD', 1n), [])).toThrow('no weights');
    expect(() => allocate(amount('USD', 1n), [1n, -1n])).toThrow('non-negative');
    expect(() => allocate(amount('USD', 1n), [0n, 0n])).toThrow('all be zero');
  });

  const weightsArb = fc
    .array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 })
    .filter((ws) => ws.some((w) => w > 0n));

  it('never loses or creates a unit, and every share is within one unit of its exact proportion', () => {
    fc.assert(
      fc.property(currencyArb, smallMinorArb, weightsArb, (c, total, weights) => {
        const shares = allocate(amount(c, total), weights);
        expect(shares).toHaveLength(weights.length);
        expect(shares.reduce((sum, s) => sum + s.minor, 0n)).toBe(total);
        const weightSum = weights.reduce((sum, w) => sum + w, 0n);
        shares.forEach((share, i) => {
          expect(share.currency).toBe(c);
          const exact = total * weights[i]!; // share ≈ exact / weightSum
          const scaled = share.minor * weightSum;
          expect(scaled - exact < weightSum && exact - scaled < weightSum).toBe(true);
          if (weights[i] === 0n) expect(share.minor).toBe(0n);
        });
      }),
    );
  });

  it('is deterministic and does not depend on how the weights are scaled', () => {
    fc.assert(
      fc.property(smallMinorArb, weightsArb, fc.bigInt({ min: 1n, max: 1000n }), (total, weights, k) => {
        const once = allocate(amount('MESI', total), weights);
        expect(allocate(amount('MESI', total), weights)).toEqual(once);
        expect(
          allocate(
            amount('MESI', total),
            weights.map((w) => w * k),
          ),
        ).toEqual(once);
      }),
    );
  });

  it('does not change the weights it was given', () => {
    const weights = [3n, 1n, 2n];
    allocate(amount('USD', 10n), weights);
    expect(weights).toEqual([3n, 1n, 2n]);
  });
});
