import { describe, expect, it } from 'vitest';
import { checkTipAmount, checkTipForm, checkTipMessage, messageCount } from './tip-form';
import type { TipSettings } from './tip-types';

const settings: TipSettings = {
  currency: 'USD',
  minimum: '100',
  presets: ['500', '1000', '2000'],
  goal: null,
};
const custom = (text: string) => ({ kind: 'custom', text }) as const;
const cents = (text: string) => {
  const checked = checkTipAmount(custom(text), settings);
  return checked.ok ? checked.amount.minor : checked.error;
};

describe('the tip amount', () => {
  it("is sent as the API's cents, in digits", () => {
    expect(checkTipForm({ amount: custom('5'), message: '' }, settings)).toEqual({
      ok: true,
      total: { currency: 'USD', minor: 500n },
      input: { amount: '500', currency: 'USD', message: '' },
    });
    expect(checkTipForm({ amount: { kind: 'preset', minor: '2000' }, message: '' }, settings)).toMatchObject({
      ok: true,
      input: { amount: '2000' },
    });
  });

  it('reads dollars and cents exactly, with no float on the way', () => {
    expect(cents('12.50')).toBe(1250n);
    expect(cents('1.1')).toBe(110n);
    // 19.99 * 100 is 1998.9999999999998 in floating point.
    expect(cents('19.99')).toBe(1999n);
    expect(cents('$ 7')).toBe(700n);
    expect(cents('  42 ')).toBe(4200n);
  });

  it('is at least the creator’s minimum and at most the largest tip', () => {
    expect(cents('0.99')).toBe('The smallest tip is $1.00.');
    expect(cents('0')).toBe('The smallest tip is $1.00.');
    expect(cents('1')).toBe(100n);
    expect(cents('10000')).toBe(1_000_000n);
    expect(cents('10000.01')).toBe('A tip is at most $10,000.00.');
    expect(cents('9'.repeat(90))).toBe('A tip is at most $10,000.00.');
    expect(checkTipAmount(custom('5'), { ...settings, minimum: '1000' })).toEqual({
      ok: false,
      error: 'The smallest tip is $10.00.',
    });
  });

  it('says what is wrong with what was typed', () => {
    expect(cents('')).toBe('Enter an amount, like 5 or 12.50.');
    expect(cents('  ')).toBe('Enter an amount, like 5 or 12.50.');
    expect(cents('5.123')).toBe('Use at most two decimals (cents), like 12.50.');
    expect(cents('-5')).toBe('A tip cannot be negative.');
    expect(cents('five')).toBe('Enter the amount in digits, like 5 or 12.50.');
    expect(cents('1e3')).toBe('Enter the amount in digits, like 5 or 12.50.');
    expect(cents('.5')).toBe('Enter the amount in digits, like 5 or 12.50.');
    expect(cents('1,000')).toMatch(/without commas/);
    expect(cents('5,50')).toMatch(/without commas/);
  });
});

describe('the tip message', () => {
  it('is sent trimmed, and may be empty', () => {
    expect(checkTipMessage('  Thank you!  ')).toEqual({ ok: true, message: 'Thank you!' });
    expect(checkTipMessage('')).toEqual({ ok: true, message: '' });
  });

  it('is at most 200 characters, counted after trimming', () => {
    expect(checkTipMessage('a'.repeat(200))).toEqual({ ok: true, message: 'a'.repeat(200) });
    expect(checkTipMessage(` ${'a'.repeat(200)} `)).toMatchObject({ ok: true });
    expect(checkTipMessage('a'.repeat(201))).toEqual({
      ok: false,
      error: 'A tip message is at most 200 characters.',
    });
  });

  it('is one line with no control characters', () => {
    expect(checkTipMessage('one\ntwo')).toEqual({
      ok: false,
      error: 'A tip message must not contain control characters.',
    });
    expect(checkTipMessage('tab\there')).toMatchObject({ ok: false });
    expect(checkTipMessage('nul\u0000')).toMatchObject({ ok: false });
  });

  it('is kept as typed, markup included: the page shows it as text', () => {
    expect(checkTipMessage('<b>Bravo</b> & <script>x</script>')).toEqual({
      ok: true,
      message: '<b>Bravo</b> & <script>x</script>',
    });
  });

  it('has a live count of the room left', () => {
    expect(messageCount('')).toEqual({ used: 0, max: 200, left: 200, over: false });
    expect(messageCount(' hi ')).toEqual({ used: 2, max: 200, left: 198, over: false });
    expect(messageCount('a'.repeat(203))).toEqual({ used: 203, max: 200, left: -3, over: true });
  });
});

describe('the whole form', () => {
  it('reports every field that is wrong at once', () => {
    expect(checkTipForm({ amount: custom('0.5'), message: 'x'.repeat(201) }, settings)).toEqual({
      ok: false,
      errors: {
        amount: 'The smallest tip is $1.00.',
        message: 'A tip message is at most 200 characters.',
      },
    });
  });
});
