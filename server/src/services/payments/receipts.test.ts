import { describe, expect, it } from 'vitest';
import type { ValidationError } from '@shared/domain/errors';
import { parseReceiptCursor, receiptStatusOf } from './receipts';

describe('where a payment stands, in the fan’s words', () => {
  it.each([
    ['pending', 0n, 'processing'],
    ['failed', 0n, 'failed'],
    ['succeeded', 0n, 'paid'],
    ['succeeded', 1n, 'partially_refunded'],
    ['succeeded', 999n, 'partially_refunded'],
    ['succeeded', 1000n, 'refunded'],
    // A dispute says so whatever was refunded before it.
    ['disputed', 300n, 'disputed'],
  ] as const)('a %s payment of 1000 with %d refunded is %s', (status, refunded, expected) => {
    expect(receiptStatusOf(status, 1000n, refunded)).toBe(expected);
  });
});

describe('the receipts cursor', () => {
  const id = '0190a5c2-7c1e-7000-8000-000000000000';

  it('keeps the timestamp as text, microseconds and all', () => {
    expect(parseReceiptCursor(`2026-03-05T10:11:12.123456Z~${id}`)).toEqual({
      createdAt: '2026-03-05T10:11:12.123456Z',
      id,
    });
  });

  it.each([
    '',
    id,
    `2026-03-05T10:11:12.123456Z`,
    `2026-03-05T10:11:12.123456Z~not-a-uuid`,
    `2026-03-05T10:11:12.123456Z~${id}~more`,
    `2026-02-30T10:11:12.000000Z~${id}`,
    `2026-03-05 10:11:12Z~${id}`,
    `2026-03-05T10:11:12.1234567Z~${id}`,
    `+275760-09-13T00:00:00.000Z~${id}`,
  ])('refuses %j, naming the cursor', (cursor) => {
    expect(() => parseReceiptCursor(cursor)).toThrow(
      expect.objectContaining({ field: 'cursor' }) as unknown as ValidationError,
    );
  });
});
