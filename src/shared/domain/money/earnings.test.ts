import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../test/csv-reader';
import { amount, parseAmount, splitFee, type Currency } from './amount';
import {
  balances,
  dailyEarnings,
  earningsCsv,
  earningsFilterSchema,
  filterPayments,
  MAX_FILLED_DAYS,
  netEarnings,
  pageOfEarnings,
  PAYMENT_SOURCES,
  PAYMENT_STATUSES,
  summarizeEarnings,
  totalsBySource,
  type EarningsFilter,
} from './earnings';
import { balancesOf, ledgerAccount, paymentTransfers, refundTransfers, type Transfer } from './ledger';
import type { PaymentSnapshot } from './payment-kind';

const payment = (id: string, overrides: Partial<PaymentSnapshot> = {}): PaymentSnapshot => ({
  id,
  source: 'tip',
  itemId: null,
  fanId: 'fan-1',
  currency: 'USD',
  amount: '555',
  fee: '55',
  refunded: '0',
  status: 'succeeded',
  settledAt: '2026-12-02T10:00:00.000Z',
  createdAt: '2026-12-02T09:59:58.000Z',
  ...overrides,
});
const usd = (minor: bigint) => amount('USD', minor);

const currencyArb = fc.constantFrom<Currency>('USD', 'USDC', 'MESI');
const sourceArb = fc.constantFrom(...PAYMENT_SOURCES);
const statusArb = fc.constantFrom(...PAYMENT_STATUSES);
// Any instant of 2025–2027, as the server writes it.
const instantArb = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) })
  .map((ms) => new Date(ms).toISOString());
const zoneArb = fc.constantFrom(
  'UTC',
  'America/New_York',
  'Europe/Paris',
  'Pacific/Kiritimati',
  'Asia/Kolkata',
);

/** A payment as the server could send it: fee by the platform's rule, refunds at most the amount. */
const paymentArb = fc
  .record({
    id: fc.uuid(),
    source: sourceArb,
    status: statusArb,
    currency: currencyArb,
    total: fc.bigInt({ min: 1n, max: 10n ** 24n }),
    feeBasisPoints: fc.integer({ min: 0, max: 10_000 }),
    refundedPart: fc.bigInt({ min: 0n, max: 1000n }),
    at: instantArb,
  })
  .map(({ id, source, status, currency, total, feeBasisPoints, refundedPart, at }): PaymentSnapshot => ({
    id,
    source,
    itemId: null,
    fanId: 'fan',
    currency,
    amount: total.toString(),
    fee: splitFee(amount(currency, total), feeBasisPoints).fee.minor.toString(),
    refunded: ((total * refundedPart) / 1000n).toString(),
    status,
    settledAt: status === 'succeeded' || status === 'disputed' ? at : null,
    createdAt: at,
  }));

describe('net earnings of one payment', () => {
  it('is the amount less the platform fee', () => {
    expect(netEarnings(payment('p'))).toEqual(usd(500n));
  });

  it('loses the creator’s share of a refund, the fee coming back in proportion and rounded down', () => {
    // 100 of 555 refunded: the fee part is ⌊100 × 55 / 555⌋ = 9, the creator gives back 91.
    expect(netEarnings(payment('p', { refunded: '100' }))).toEqual(usd(409n));
    expect(netEarnings(payment('p', { refunded: '555' }))).toEqual(usd(0n));
  });

  it('is zero for a disputed payment, and nothing is earned while pending or after a failure', () => {
    expect(netEarnings(payment('p', { status: 'disputed' }))).toEqual(usd(0n));
    expect(netEarnings(payment('p', { status: 'pending', fee: '0', settledAt: null }))).toEqual(usd(0n));
    expect(netEarnings(payment('p', { status: 'failed', fee: '0', settledAt: null }))).toEqual(usd(0n));
  });

  it('never goes below zero on figures the server would not send', () => {
    expect(netEarnings(payment('p', { fee: '900' }))).toEqual(usd(0n));
    expect(netEarnings(payment('p', { refunded: '9999' }))).toEqual(usd(0n));
  });

  it('is exact beyond what a float holds', () => {
    const big = 10n ** 40n + 1n;
    const p = payment('p', { currency: 'MESI', amount: big.toString(), fee: '1' });
    expect(netEarnings(p)).toEqual(amount('MESI', big - 1n));
  });

  it('equals what the ledger leaves the creator after the payment and any series of refunds', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { maxLength: 6 }),
        (total, feeBasisPoints, asked) => {
          const paid = paymentTransfers({
            from: ledgerAccount.fan('f', 'sandbox'),
            creatorId: 'c',
            total: usd(total),
            feeBasisPoints,
          });
          const transfers: Transfer[] = [...paid.transfers];
          let refunded = 0n;
          for (const ask of asked) {
            const refund = ask < total - refunded ? ask : total - refunded;
            if (refund === 0n) break;
            transfers.push(
              ...refundTransfers({
                to: ledgerAccount.fan('f', 'sandbox'),
                creatorId: 'c',
                payment: { total: usd(total), fee: paid.shares.fee },
                refundedBefore: usd(refunded),
                refund: usd(refund),
              }),
            );
            refunded += refund;
          }
          const ledgerNet = balancesOf(transfers).get(`${ledgerAccount.creator('c')}|USD`) ?? 0n;
          const snapshot = payment('p', {
            amount: total.toString(),
            fee: paid.shares.fee.minor.toString(),
            refunded: refunded.toString(),
          });
          expect(netEarnings(snapshot)).toEqual(usd(ledgerNet));
        },
      ),
    );
  });
});

describe('balance and totals', () => {
  const mixed = [
    payment('t1', { amount: '1000', fee: '100' }),
    payment('t2', { amount: '555', fee: '55', refunded: '555' }),
    payment('s1', { source: 'subscription', amount: '999', fee: '99' }),
    payment('v1', { source: 'ppv', amount: '300', fee: '30', status: 'disputed' }),
    payment('v2', { source: 'ppv', amount: '2000', fee: '200' }),
    payment('k1', { source: 'ticket', amount: '750', fee: '75' }),
    payment('k2', { source: 'ticket', amount: '750', fee: '75', refunded: '750' }),
    payment('c1', { currency: 'USDC', amount: '2500000', fee: '250000' }),
    payment('m1', { currency: 'MESI', amount: '0', fee: '0', status: 'pending', settledAt: null }),
  ];

  it('keeps one balance per currency, in a fixed order, never adding two currencies', () => {
    expect(balances(mixed)).toEqual([
      usd(900n + 900n + 1800n + 675n),
      amount('USDC', 2_250_000n),
      amount('MESI', 0n),
    ]);
  });

  it('splits each currency’s net by source: subscriptions, pay-per-view, live tickets and tips', () => {
    const [usdTotals, usdcTotals] = totalsBySource(mixed);
    expect(usdTotals).toEqual({
      currency: 'USD',
      net: usd(4275n),
      bySource: { subscription: usd(900n), ppv: usd(1800n), ticket: usd(675n), tip: usd(900n) },
      earning: 4,
    });
    expect(usdcTotals?.bySource.tip).toEqual(amount('USDC', 2_250_000n));
    expect(totalsBySource([])).toEqual([]);
  });

  it('per source always adds up to the net, which adds up to the payments’ own nets', () => {
    fc.assert(
      fc.property(fc.array(paymentArb, { maxLength: 40 }), (payments) => {
        for (const t of totalsBySource(payments)) {
          const own = payments
            .filter((p) => p.currency === t.currency)
            .reduce((sum, p) => sum + netEarnings(p).minor, 0n);
          const { subscription, ppv, ticket, tip } = t.bySource;
          expect(subscription.minor + ppv.minor + ticket.minor + tip.minor).toBe(t.net.minor);
          expect(t.net.minor).toBe(own);
        }
      }),
    );
  });
});

describe('days', () => {
  it('sums each day per source, one series per currency, with the days in between as zeros', () => {
    const series = dailyEarnings([
      payment('a', { settledAt: '2026-12-01T08:00:00.000Z' }),
      payment('b', { source: 'ppv', amount: '200', fee: '20', settledAt: '2026-12-01T20:00:00.000Z' }),
      payment('c', { settledAt: '2026-12-03T08:00:00.000Z' }),
      payment('e', { source: 'ticket', amount: '300', fee: '30', settledAt: '2026-12-03T09:00:00.000Z' }),
      payment('d', { status: 'failed', fee: '0', settledAt: null, createdAt: '2026-12-05T08:00:00.000Z' }),
    ]);
    expect(series).toHaveLength(1);
    expect(
      series[0]!.days.map((d) => [
        d.day,
        d.net.minor,
        d.bySource.tip.minor,
        d.bySource.ppv.minor,
        d.bySource.ticket.minor,
      ]),
    ).toEqual([
      ['2026-12-01', 680n, 500n, 180n, 0n],
      ['2026-12-02', 0n, 0n, 0n, 0n],
      ['2026-12-03', 770n, 500n, 0n, 270n],
    ]);
  });

  it('fills the whole range asked for, and narrows a range too long to chart to the days that earned', () => {
    const one = [payment('a', { settledAt: '2026-12-02T08:00:00.000Z' })];
    const asked = dailyEarnings(one, { from: '2026-11-30', to: '2026-12-04' })[0]!.days;
    expect(asked.map((d) => d.day)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ]);
    const decades = dailyEarnings(one, { from: '2000-01-01', to: '2040-12-31' })[0]!.days;
    expect(decades.map((d) => d.day)).toEqual(['2026-12-02']);
    const sparse = [
      payment('a', { settledAt: '2020-01-01T08:00:00.000Z' }),
      payment('b', { settledAt: '2026-12-02T08:00:00.000Z' }),
    ];
    expect(dailyEarnings(sparse)[0]!.days.map((d) => d.day)).toEqual(['2020-01-01', '2026-12-02']);
    expect(MAX_FILLED_DAYS).toBeGreaterThanOrEqual(366);
  });

  it('counts a payment on the day its money settled in the zone asked for', () => {
    const late = [
      payment('a', { createdAt: '2026-12-02T23:59:00.000Z', settledAt: '2026-12-03T00:01:00.000Z' }),
    ];
    expect(dailyEarnings(late)[0]!.days.map((d) => d.day)).toEqual(['2026-12-03']);
    expect(dailyEarnings(late, { timeZone: 'America/New_York' })[0]!.days.map((d) => d.day)).toEqual([
      '2026-12-02',
    ]);
  });

  it('whatever the time zone, the days add up to the totals, and every day of the range is there once', () => {
    fc.assert(
      fc.property(fc.array(paymentArb, { maxLength: 30 }), zoneArb, (payments, timeZone) => {
        const series = dailyEarnings(payments, { timeZone });
        const totals = totalsBySource(payments).filter((t) => t.net.minor > 0n);
        expect(series.map((s) => s.currency)).toEqual(totals.map((t) => t.currency));
        for (const [index, s] of series.entries()) {
          for (const source of PAYMENT_SOURCES) {
            const sum = s.days.reduce((acc, d) => acc + d.bySource[source].minor, 0n);
            expect(sum).toBe(totals[index]!.bySource[source].minor);
          }
          const days = s.days.map((d) => d.day);
          expect(new Set(days).size).toBe(days.length);
          expect([...days].sort()).toEqual(days);
        }
      }),
    );
  });
});

describe('filters', () => {
  const payments = [
    payment('tip-1', { settledAt: '2026-12-01T12:00:00.000Z' }),
    payment('sub-1', { source: 'subscription', settledAt: '2026-12-02T12:00:00.000Z' }),
    payment('ppv-1', {
      source: 'ppv',
      status: 'failed',
      settledAt: null,
      createdAt: '2026-12-03T12:00:00.000Z',
    }),
    payment('usdc-1', { currency: 'USDC', settledAt: '2026-12-04T12:00:00.000Z' }),
    payment('ticket-1', { source: 'ticket', currency: 'USDC', settledAt: '2026-12-04T13:00:00.000Z' }),
    payment('late', { settledAt: '2026-12-05T02:00:00.000Z' }),
  ];
  const ids = (filter: EarningsFilter, timeZone?: string) =>
    filterPayments(payments, filter, timeZone).map((p) => p.id);

  it('by source, status and currency', () => {
    expect(ids({ source: 'subscription' })).toEqual(['sub-1']);
    expect(ids({ source: 'ticket' })).toEqual(['ticket-1']);
    expect(ids({ source: 'ppv' })).toEqual(['ppv-1']);
    expect(ids({ status: 'failed' })).toEqual(['ppv-1']);
    expect(ids({ currency: 'USDC' })).toEqual(['usdc-1', 'ticket-1']);
    expect(ids({ source: 'tip', currency: 'USD' })).toEqual(['tip-1', 'late']);
    expect(ids({})).toHaveLength(payments.length);
  });

  it('by days, both ends included, read in the time zone asked for', () => {
    expect(ids({ from: '2026-12-02', to: '2026-12-04' })).toEqual(['sub-1', 'ppv-1', 'usdc-1', 'ticket-1']);
    expect(ids({ from: '2026-12-05' })).toEqual(['late']);
    // 02:00Z on the 5th is still the 4th in New York.
    expect(ids({ to: '2026-12-04' }, 'America/New_York')).toContain('late');
    expect(ids({ to: '2026-12-04' })).not.toContain('late');
  });

  it('refuses a day that does not exist, an end before the start, and an unknown source', () => {
    expect(earningsFilterSchema.safeParse({ from: '2026-12-01', to: '2026-12-01' }).success).toBe(true);
    expect(earningsFilterSchema.safeParse({ from: '2026-02-30' }).success).toBe(false);
    const backwards = earningsFilterSchema.safeParse({ from: '2026-12-02', to: '2026-12-01' });
    expect(backwards.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['to', 'must not be before the first day'],
    ]);
    expect(earningsFilterSchema.safeParse({ source: 'bid' }).success).toBe(false);
  });

  it('the summary keeps the all-time balance whatever the filter, and sums only what the filter shows', () => {
    const summary = summarizeEarnings(payments, { source: 'subscription' });
    expect(summary).toMatchObject({
      paymentCount: 6,
      matching: 1,
      balances: [
        { currency: 'USD', net: '1500' },
        { currency: 'USDC', net: '1000' },
      ],
      totals: [
        { currency: 'USD', net: '500', bySource: { subscription: '500', ppv: '0', ticket: '0', tip: '0' } },
      ],
    });
    expect(summary.daily).toEqual([
      {
        currency: 'USD',
        days: [
          {
            day: '2026-12-02',
            net: '500',
            bySource: { subscription: '500', ppv: '0', ticket: '0', tip: '0' },
          },
        ],
      },
    ]);
  });

  it('pages through the filter’s payments in order, saying where the next page starts', () => {
    const first = pageOfEarnings(payments, { currency: 'USD' }, { offset: 0, limit: 2 });
    expect(first.entries.map((e) => e.id)).toEqual(['tip-1', 'sub-1']);
    expect(first).toMatchObject({ total: 4, nextOffset: 2 });
    const last = pageOfEarnings(payments, { currency: 'USD' }, { offset: 2, limit: 2 });
    expect(last.entries.map((e) => [e.id, e.net, e.day])).toEqual([
      ['ppv-1', '0', '2026-12-03'],
      ['late', '500', '2026-12-05'],
    ]);
    expect(last.nextOffset).toBeNull();
  });
});

describe('CSV export', () => {
  it('writes a header and one exact row per payment, amounts as decimals of their currency', () => {
    const csv = earningsCsv([
      payment('p1', { refunded: '100' }),
      payment('p2', {
        source: 'ppv',
        itemId: 'post-7',
        currency: 'USDC',
        amount: '12500000',
        fee: '1250000',
        settledAt: '2026-12-02T23:30:00.000Z',
      }),
      payment('p3', { status: 'pending', fee: '0', settledAt: null, createdAt: '2026-12-03T08:00:00.000Z' }),
    ]);
    expect(csv).toBe(
      'Day (UTC),Time (UTC),Payment,Source,Status,Currency,Amount,Fee,Refunded,Net,Item,Fan\r\n' +
        '2026-12-02,2026-12-02T10:00:00.000Z,p1,tip,succeeded,USD,5.55,0.55,1.00,4.09,,fan-1\r\n' +
        '2026-12-02,2026-12-02T23:30:00.000Z,p2,ppv,succeeded,USDC,12.5,1.25,0,11.25,post-7,fan-1\r\n' +
        '2026-12-03,2026-12-03T08:00:00.000Z,p3,tip,pending,USD,5.55,0.00,0.00,0.00,,fan-1\r\n',
    );
    // The same payments' days in another zone, which the header names.
    const paris = earningsCsv([payment('p2', { settledAt: '2026-12-02T23:30:00.000Z' })], 'Europe/Paris');
    expect(readCsv(paris).map((row) => row[0])).toEqual(['Day (Europe/Paris)', '2026-12-03']);
  });

  it('reads back to the same payments: ids, days and exact amounts', () => {
    const payments = [
      payment('p1', { amount: '1', fee: '0' }),
      payment('p2', { currency: 'MESI', amount: (10n ** 30n + 7n).toString(), fee: '3', refunded: '2' }),
      payment('p3', { source: 'subscription', itemId: 'tier, "gold"\r\nannual', fanId: '=HYPERLINK("x")' }),
    ];
    const [header, ...rows] = readCsv(earningsCsv(payments));
    expect(header).toHaveLength(12);
    expect(rows).toHaveLength(3);
    for (const [i, p] of payments.entries()) {
      const row = rows[i]!;
      expect(row[2]).toBe(p.id);
      expect(parseAmount(row[6]!, p.currency).minor).toBe(BigInt(p.amount));
      expect(parseAmount(row[7]!, p.currency).minor).toBe(BigInt(p.fee));
      expect(parseAmount(row[8]!, p.currency).minor).toBe(BigInt(p.refunded));
      expect(parseAmount(row[9]!, p.currency)).toEqual(netEarnings(p));
    }
    expect(rows[2]![10]).toBe('tier, "gold"\r\nannual');
    expect(rows[2]![11]).toBe(`'=HYPERLINK("x")`);
  });
});
