import { amount } from '@shared/domain/money';
import { describe, expect, it } from 'vitest';
import { displayAmount, displayMinor } from './money';

describe('displayAmount', () => {
  it('writes dollars with their cents and a comma every three digits', () => {
    expect(displayAmount(amount('USD', 500n))).toBe('$5.00');
    expect(displayAmount(amount('USD', 100_000n))).toBe('$1,000.00');
    expect(displayAmount(amount('USD', 123_456_789n))).toBe('$1,234,567.89');
    expect(displayAmount(amount('USD', 5n))).toBe('$0.05');
  });

  it('groups only the whole part, never the decimals', () => {
    expect(displayAmount(amount('USDC', 1_234_567_890n))).toBe('1,234.56789 USDC');
  });

  it('keeps every digit of amounts no float could hold', () => {
    expect(displayMinor('USD', '900719925474099312')).toBe('$9,007,199,254,740,993.12');
  });
});
