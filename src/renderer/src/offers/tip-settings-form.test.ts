import { describe, expect, it } from 'vitest';
import {
  canAddPreset,
  checkTipSettingsForm,
  tipSettingsFormOf,
  type TipSettingsForm,
} from './tip-settings-form';

const form = (change: Partial<TipSettingsForm> = {}): TipSettingsForm => ({
  ...tipSettingsFormOf({ minimum: '100', presets: ['500', '1000'], goal: null }),
  ...change,
});

describe('the tip settings form', () => {
  it('shows the settings in dollars, and reads them back as cents with empty presets dropped', () => {
    expect(form()).toEqual({
      minimum: '1.00',
      presets: ['5.00', '10.00'],
      goalOn: false,
      goalTitle: '',
      goalAmount: '',
    });
    expect(
      checkTipSettingsForm(
        form({ minimum: '3', presets: ['20', '', '5'], goalOn: true, goalTitle: 'Lens', goalAmount: '800' }),
      ),
    ).toEqual({
      ok: true,
      draft: { minimum: '300', presets: ['500', '2000'], goal: { title: 'Lens', amount: '80000' } },
    });
  });

  it('keeps the goal out while it is switched off, whatever its fields hold', () => {
    expect(checkTipSettingsForm(form({ goalTitle: 'Old', goalAmount: 'x' }))).toMatchObject({
      ok: true,
      draft: { goal: null },
    });
  });

  it('says what is wrong under each field', () => {
    expect(
      checkTipSettingsForm(
        form({ minimum: '0.49', presets: ['0.10'], goalOn: true, goalTitle: '', goalAmount: '0' }),
      ),
    ).toEqual({
      ok: false,
      errors: {
        minimum: 'The smallest tip can be no less than $0.50 (card fees).',
        presets: 'Each preset must be between the minimum and the largest tip.',
        goalTitle: 'A goal needs a title.',
        goalAmount: 'A goal must be more than zero.',
      },
    });
    expect(checkTipSettingsForm(form({ minimum: '', presets: ['five'] }))).toEqual({
      ok: false,
      errors: {
        minimum: 'Enter the smallest tip, like 9.99.',
        presets: 'Write each preset in dollars and cents, like 9.99.',
      },
    });
  });

  it('takes up to six presets', () => {
    expect(canAddPreset(form({ presets: ['1', '2', '3', '4', '5'] }))).toBe(true);
    expect(canAddPreset(form({ presets: ['1', '2', '3', '4', '5', '6'] }))).toBe(false);
  });
});
