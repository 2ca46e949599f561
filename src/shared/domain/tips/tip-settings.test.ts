import { describe, expect, it } from 'vitest';
import { defaultTipSettings, tipSettingsDraftOf, tipSettingsDraftSchema } from './tip-settings';

const messages = (input: unknown) =>
  tipSettingsDraftSchema
    .safeParse(input)
    .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('tip settings', () => {
  it('keep presets without repeats, smallest first', () => {
    expect(
      tipSettingsDraftSchema.parse({ minimum: '100', presets: ['2000', '500', '2000'], goal: null }),
    ).toEqual({
      minimum: '100',
      presets: ['500', '2000'],
      goal: null,
    });
  });

  it('take a minimum of $0.50 to $10,000, and presets between the minimum and the largest tip', () => {
    expect(messages({ minimum: '49', presets: [], goal: null })).toEqual([
      'minimum: the smallest tip can be no less than $0.50 (card fees)',
    ]);
    expect(messages({ minimum: '1000001', presets: [], goal: null })).toEqual([
      'minimum: the minimum is at most the largest tip, $10000.00',
    ]);
    expect(messages({ minimum: '500', presets: ['100'], goal: null })).toEqual([
      'presets: each preset must be between the minimum and the largest tip',
    ]);
    expect(messages({ minimum: '100', presets: ['1', '2', '3', '4', '5', '6', '7'], goal: null })).toEqual([
      'presets: at most 6 presets',
    ]);
    // A malformed amount is said once, as itself.
    expect(messages({ minimum: '1.00', presets: ['5.00'], goal: null })).toEqual([
      'minimum: must be a whole number of minor units (cents), as digits',
      'presets.0: must be a whole number of minor units (cents), as digits',
    ]);
  });

  it('take a goal with a title and an amount above zero', () => {
    expect(messages({ minimum: '100', presets: [], goal: { title: ' ', amount: '100' } })).toEqual([
      'goal.title: a goal needs a title',
    ]);
    expect(messages({ minimum: '100', presets: [], goal: { title: 'Lens', amount: '0' } })).toEqual([
      'goal.amount: a goal must be more than zero',
    ]);
  });

  it('start from $1 with presets of $5, $10 and $20, and no goal', () => {
    const defaults = defaultTipSettings('creator-id');
    expect(tipSettingsDraftOf(defaults)).toEqual({
      minimum: '100',
      presets: ['500', '1000', '2000'],
      goal: null,
    });
    expect(tipSettingsDraftSchema.parse(tipSettingsDraftOf(defaults))).toEqual(tipSettingsDraftOf(defaults));
  });
});
