import { describe, expect, it } from 'vitest';
import {
  formatReceiptDate,
  formatReceiptMoment,
  lineText,
  netPaid,
  purchaseSummary,
  receiptStatusText,
  subscriptionPeriod,
} from './receipt-text';

const usd = (amount: string, refunded = '0') => ({ currency: 'USD' as const, amount, refunded });
const GB = { locale: 'en-GB', timeZone: 'UTC' };

describe('a receipt’s status in words', () => {
  it.each([
    ['processing', 'Processing', 'neutral'],
    ['paid', 'Paid', 'good'],
    ['failed', 'Failed', 'danger'],
    ['refunded', 'Refunded', 'neutral'],
    ['disputed', 'Disputed', 'danger'],
  ] as const)('%s reads “%s”', (status, text, tone) => {
    expect(receiptStatusText({ ...usd('500'), status })).toEqual({ text, tone });
  });

  it('a part refund says how much of what was paid came back', () => {
    expect(receiptStatusText({ ...usd('150000', '25050'), status: 'partially_refunded' })).toEqual({
      text: 'Refunded $250.50 of $1,500.00',
      tone: 'warning',
    });
  });
});

describe('what a payment was for', () => {
  it('names a live stream a ticket was bought for, as the stream’s title', () => {
    expect(purchaseSummary({ kind: 'ticket', stream: { id: 's', title: 'Kiln opening' } })).toBe(
      'Ticket: Kiln opening',
    );
    expect(purchaseSummary({ kind: 'ticket', stream: null })).toBe('A live stream ticket');
  });

  it('names a tip’s post, a bought post and a subscription’s tier', () => {
    expect(purchaseSummary({ kind: 'tip', message: 'Hi', post: null })).toBe('Tip');
    expect(purchaseSummary({ kind: 'tip', message: '', post: { id: 'p', title: 'Spring firing' } })).toBe(
      'Tip on “Spring firing”',
    );
    expect(purchaseSummary({ kind: 'ppv', post: { id: 'p', title: 'Raku secrets' } })).toBe(
      'Post: “Raku secrets”',
    );
    expect(purchaseSummary({ kind: 'ppv', post: { id: 'p', title: '  ' } })).toBe('Post: “Untitled post”');
    const period = {
      kind: 'subscription',
      charge: 'period',
      tierName: 'Gold',
      interval: 'month',
      periodStart: '2026-03-05T10:00:00.000Z',
      periodEnd: '2026-04-05T10:00:00.000Z',
    } as const;
    expect(purchaseSummary(period)).toBe('Gold subscription, monthly');
    expect(purchaseSummary({ ...period, interval: 'year' })).toBe('Gold subscription, yearly');
    expect(purchaseSummary({ ...period, tierName: null, interval: null })).toBe('Subscription');
    expect(purchaseSummary({ ...period, charge: 'upgrade', tierName: 'Platinum' })).toBe(
      'Upgrade to Platinum',
    );
    expect(subscriptionPeriod(period, GB)).toBe('5 March 2026 – 5 April 2026');
    expect(subscriptionPeriod({ kind: 'tip', message: '', post: null }, GB)).toBeNull();
  });
});

describe('a receipt’s history', () => {
  it('says each movement of money from the fan’s side', () => {
    const at = '2026-03-05T10:11:00.000Z';
    expect(lineText({ kind: 'charge', amount: '500', at }, 'USD')).toBe('Charged $5.00');
    expect(lineText({ kind: 'refund', amount: '200', at }, 'USD')).toBe('Refunded $2.00');
    expect(lineText({ kind: 'dispute_opened', amount: '700', at }, 'USD')).toBe(
      'Disputed $7.00 with your card issuer',
    );
    expect(lineText({ kind: 'dispute_lost', amount: '700', at }, 'USD')).toBe(
      'Dispute closed: $7.00 returned to you',
    );
    expect(lineText({ kind: 'dispute_won', amount: '700', at }, 'USD')).toBe(
      'Dispute closed in the creator’s favour',
    );
  });

  it('what was paid in the end, only once something came back', () => {
    expect(netPaid(usd('500'))).toBeNull();
    expect(netPaid(usd('500', '200'))).toBe('$3.00');
    expect(netPaid(usd('500', '500'))).toBe('$0.00');
  });

  it('writes dates in the reader’s locale and time zone', () => {
    expect(formatReceiptDate('2026-03-05T23:30:00.000Z', GB)).toBe('5 March 2026');
    expect(formatReceiptDate('2026-03-05T23:30:00.000Z', { locale: 'en-US', timeZone: 'Asia/Tokyo' })).toBe(
      'March 6, 2026',
    );
    expect(formatReceiptMoment('2026-03-05T10:11:00.000Z', GB)).toBe('5 Mar 2026, 10:11');
    expect(formatReceiptDate('not a date', GB)).toBe('');
  });
});
