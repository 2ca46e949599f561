import { describe, expect, it } from 'vitest';
import { goalProgress } from './tip-goal';
import type { TipSettings } from './tip-types';

const settings = (goal: TipSettings['goal']): TipSettings => ({
  currency: 'USD',
  minimum: '100',
  presets: ['500', '1000', '2000'],
  goal,
});

describe('goalProgress', () => {
  it('says what was raised of the goal and for what', () => {
    expect(goalProgress(settings({ title: 'New camera', amount: '100000', raised: '1200' }))).toEqual({
      permille: 12,
      label: '$12.00 of $1,000.00 · New camera',
      amounts: '$12.00 of $1,000.00',
      title: 'New camera',
      reached: false,
    });
  });

  it('shows nothing when the creator has no goal', () => {
    expect(goalProgress(settings(null))).toBeNull();
  });

  it('fills the bar once the goal is reached, and never past it', () => {
    expect(goalProgress(settings({ title: 'Kiln', amount: '5000', raised: '5000' }))).toMatchObject({
      permille: 1000,
      reached: true,
    });
    expect(goalProgress(settings({ title: 'Kiln', amount: '5000', raised: '9000' }))).toMatchObject({
      permille: 1000,
      label: '$90.00 of $50.00 · Kiln',
    });
  });

  it('rounds down, so a goal a cent short is not shown as reached', () => {
    expect(goalProgress(settings({ title: 'Kiln', amount: '100000', raised: '99999' }))).toMatchObject({
      permille: 999,
      reached: false,
    });
  });
});
