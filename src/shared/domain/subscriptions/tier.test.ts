import { describe, expect, it } from 'vitest';
import { tierChangeSchema, tierDraftSchema, type TierDraft } from './tier';

const gold = (change: Partial<TierDraft> = {}) => ({ name: 'Gold', rank: 1, monthlyPrice: '900', ...change });
const messages = (input: unknown) =>
  tierDraftSchema
    .safeParse(input)
    .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('a subscription tier', () => {
  it('takes the web’s short form, filling in no description, perks, annual price, trial or discount', () => {
    expect(tierDraftSchema.parse(gold({ name: '  Gold  ' }))).toEqual({
      name: 'Gold',
      description: '',
      perks: [],
      rank: 1,
      monthlyPrice: '900',
      annualPrice: null,
      trialDays: 0,
      ppvDiscountBps: 0,
    });
  });

  it('costs at least $1.00 a month and a year, in whole cents', () => {
    expect(messages(gold({ monthlyPrice: '99', annualPrice: '99' }))).toEqual([
      'monthlyPrice: a monthly price is at least $1.00',
      'annualPrice: an annual price is at least $1.00',
    ]);
    expect(messages(gold({ monthlyPrice: '9.00' }))).toEqual([
      'monthlyPrice: must be a whole number of minor units (cents), as digits',
    ]);
    expect(tierDraftSchema.parse(gold({ monthlyPrice: '100', annualPrice: '100' })).annualPrice).toBe('100');
  });

  it('gives a free trial of at most 7 days, and a pay-per-view discount of 0 to 100%', () => {
    expect(messages(gold({ trialDays: 8 }))).toEqual(['trialDays: a free trial is 0 to 7 days']);
    expect(messages(gold({ trialDays: 1.5 }))).toEqual(['trialDays: a free trial is a whole number of days']);
    expect(messages(gold({ ppvDiscountBps: 10_001 }))).toEqual([
      'ppvDiscountBps: a pay-per-view discount is 0% to 100%',
    ]);
    expect(tierDraftSchema.parse(gold({ trialDays: 7, ppvDiscountBps: 10_000 })).trialDays).toBe(7);
  });

  it('needs a name, at most 10 perks, and refuses a field it does not know (a price sent along is no price)', () => {
    expect(messages(gold({ name: ' ' }))).toEqual(['name: a tier needs a name']);
    expect(messages(gold({ perks: Array.from({ length: 11 }, () => 'Perk') }))).toEqual([
      'perks: at most 10 perks',
    ]);
    expect(messages({ ...gold(), price: '1' })).toEqual([': Unrecognized key: "price"']);
  });

  it('carries create, update over a base version, and archive (no base: archiving is final)', () => {
    expect(tierChangeSchema.parse({ type: 'archive' })).toEqual({ type: 'archive' });
    expect(tierChangeSchema.safeParse({ type: 'update', draft: gold() }).success).toBe(false);
    expect(tierChangeSchema.parse({ type: 'update', baseVersion: 2, draft: gold() })).toMatchObject({
      baseVersion: 2,
      draft: { trialDays: 0 },
    });
  });
});
