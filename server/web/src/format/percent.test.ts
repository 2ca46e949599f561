import { describe, expect, it } from 'vitest';
import { percentOfBasisPoints } from './percent';

describe('percentOfBasisPoints', () => {
  it('writes basis points as a percentage, without trailing zeros', () => {
    expect(percentOfBasisPoints(1500)).toBe('15%');
    expect(percentOfBasisPoints(1250)).toBe('12.5%');
    expect(percentOfBasisPoints(1205)).toBe('12.05%');
    expect(percentOfBasisPoints(1)).toBe('0.01%');
    expect(percentOfBasisPoints(10_000)).toBe('100%');
  });
});
