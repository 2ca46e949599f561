import { describe, expect, it } from 'vitest';
import type { AccessRule } from '@shared/domain/access/rule';
import {
  EMPTY_PICKER,
  isoToLocalInput,
  localInputToIso,
  pickerFromRule,
  ruleFromPicker,
  withMode,
  type AccessPickerState,
} from './access-picker';

const roundTrip = (rule: AccessRule) => ruleFromPicker(pickerFromRule(rule));
const picker = (change: Partial<AccessPickerState>): AccessPickerState => ({ ...EMPTY_PICKER, ...change });

describe('the access picker', () => {
  it('shows each simple rule in its own mode and gives the same rule back', () => {
    const after = new Date(2026, 0, 15, 9, 30).toISOString();
    const rules: AccessRule[] = [
      { kind: 'public' },
      { kind: 'follower' },
      { kind: 'subscriber' },
      { kind: 'subscriber', minTier: 'gold' },
      { kind: 'tipped', min: { currency: 'USD', minor: '500' } },
      { kind: 'tipped', min: { currency: 'USDC', minor: '2500000' }, withinDays: 30 },
      { kind: 'tipped', min: { currency: 'MESI', minor: '1500000000000000000' } },
      { kind: 'after', date: after },
    ];
    for (const rule of rules) {
      expect(pickerFromRule(rule).mode, rule.kind).toBe(rule.kind);
      expect(roundTrip(rule)).toEqual({ ok: true, rule });
    }
  });

  it('shows tip thresholds in whole currency units, not minor units', () => {
    expect(pickerFromRule({ kind: 'tipped', min: { currency: 'USD', minor: '500' } }).tipAmount).toBe('5.00');
    expect(
      pickerFromRule({ kind: 'tipped', min: { currency: 'MESI', minor: '1500000000000000000' } }).tipAmount,
    ).toBe('1.5');
  });

  it('shows a composed rule as its expression text', () => {
    const rule: AccessRule = {
      kind: 'all',
      rules: [{ kind: 'follower' }, { kind: 'tipped', min: { currency: 'USD', minor: '500' } }],
    };
    const state = pickerFromRule(rule);
    expect(state.mode).toBe('expression');
    expect(state.expression).toBe('all(follower, tipped(5 USD))');
    expect(ruleFromPicker(state)).toEqual({ ok: true, rule });
  });

  it('keeps an after-date with seconds as an expression so saving never shifts it', () => {
    const rule: AccessRule = { kind: 'after', date: '2026-03-01T10:00:30Z' };
    expect(pickerFromRule(rule).mode).toBe('expression');
    expect(roundTrip(rule)).toEqual({ ok: true, rule });
  });

  it('reads the expression text with parseRule and reports its syntax errors', () => {
    expect(
      ruleFromPicker(picker({ mode: 'expression', expression: 'any(follower, subscriber(gold))' })),
    ).toEqual({
      ok: true,
      rule: { kind: 'any', rules: [{ kind: 'follower' }, { kind: 'subscriber', minTier: 'gold' }] },
    });
    const broken = ruleFromPicker(picker({ mode: 'expression', expression: 'all(follower, tipped(5 USD)' }));
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/^Expression: /);
  });

  it('refuses tip amounts that are empty, zero, negative or too precise', () => {
    for (const tipAmount of ['', '0', '-5', '5.001', 'five']) {
      const result = ruleFromPicker(picker({ mode: 'tipped', tipAmount, tipCurrency: 'USD' }));
      expect(result.ok, tipAmount).toBe(false);
      expect(!result.ok && result.error, tipAmount).toMatch(/^Minimum tip: /);
    }
  });

  it('accepts 1 to 3650 days, or empty for any time', () => {
    const tipped = (tipDays: string) => ruleFromPicker(picker({ mode: 'tipped', tipAmount: '5', tipDays }));
    expect(tipped('')).toEqual({
      ok: true,
      rule: { kind: 'tipped', min: { currency: 'USD', minor: '500' } },
    });
    expect(tipped('7')).toEqual({
      ok: true,
      rule: { kind: 'tipped', min: { currency: 'USD', minor: '500' }, withinDays: 7 },
    });
    for (const days of ['0', '3651', '1.5', 'week']) expect(tipped(days).ok, days).toBe(false);
  });

  it('asks for a date for "Available after"', () => {
    expect(ruleFromPicker(picker({ mode: 'after', afterLocal: '' }))).toEqual({
      ok: false,
      error: 'Available after: choose a date and time.',
    });
  });

  it('carries the current rule into the expression when switching to it, and back', () => {
    const tipped = picker({ mode: 'tipped', tipAmount: '2.50', tipCurrency: 'USDC', tipDays: '30' });
    const asText = withMode(tipped, 'expression');
    expect(asText.expression).toBe('tipped(2.5 USDC, 30)');
    const back = withMode({ ...asText, expression: 'tipped(4 USDC, 7)' }, 'tipped');
    expect(back).toMatchObject({ mode: 'tipped', tipAmount: '4', tipCurrency: 'USDC', tipDays: '7' });
  });

  it('converts datetime-local values through UTC and back in local time', () => {
    const iso = localInputToIso('2026-07-04T18:45');
    expect(iso).toBe(new Date(2026, 6, 4, 18, 45).toISOString());
    expect(isoToLocalInput(iso!)).toBe('2026-07-04T18:45');
    expect(localInputToIso('2026-07-04')).toBeNull();
  });
});

describe('the access picker for a post for sale', () => {
  const ID = '018f0000-0000-7000-8000-0000000000aa';
  const OTHER = '018f0000-0000-7000-8000-0000000000bb';

  it('offers Buyers and Subscribers or buyers, naming this post, and shows those rules in those modes', () => {
    const buyers: AccessRule = { kind: 'purchased', itemId: ID };
    const orGold: AccessRule = {
      kind: 'any',
      rules: [{ kind: 'subscriber', minTier: 'gold' }, buyers],
    };
    const orAny: AccessRule = { kind: 'any', rules: [{ kind: 'subscriber' }, buyers] };
    expect(pickerFromRule(buyers, ID).mode).toBe('buyers');
    expect(pickerFromRule(orGold, ID)).toMatchObject({ mode: 'subscriberOrBuyer', minTier: 'gold' });
    for (const rule of [buyers, orGold, orAny]) {
      expect(ruleFromPicker(pickerFromRule(rule, ID), ID)).toEqual({ ok: true, rule });
    }
    expect(ruleFromPicker(picker({ mode: 'subscriberOrBuyer', minTier: ' gold ' }), ID)).toEqual({
      ok: true,
      rule: orGold,
    });
  });

  it("shows buying another post, or this post's rule seen from another, as an expression", () => {
    expect(pickerFromRule({ kind: 'purchased', itemId: OTHER }, ID).mode).toBe('expression');
    expect(pickerFromRule({ kind: 'purchased', itemId: ID }).mode).toBe('expression');
    const reversed: AccessRule = {
      kind: 'any',
      rules: [{ kind: 'purchased', itemId: ID }, { kind: 'subscriber' }],
    };
    expect(pickerFromRule(reversed, ID).mode).toBe('expression');
    expect(ruleFromPicker(pickerFromRule(reversed, ID), ID)).toEqual({ ok: true, rule: reversed });
  });

  it('needs the post id for the buyer modes', () => {
    expect(ruleFromPicker(picker({ mode: 'buyers' }))).toMatchObject({ ok: false });
  });

  it('carries a buyer rule into the expression and back', () => {
    const asText = withMode(picker({ mode: 'subscriberOrBuyer', minTier: 'gold' }), 'expression', ID);
    expect(asText.expression).toBe(`any(subscriber(gold), purchased(${ID}))`);
    expect(withMode(asText, 'subscriberOrBuyer', ID)).toMatchObject({
      mode: 'subscriberOrBuyer',
      minTier: 'gold',
    });
    expect(withMode({ ...asText, expression: `purchased(${ID})` }, 'buyers', ID).mode).toBe('buyers');
  });
});
