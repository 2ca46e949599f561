import { describe, expect, it } from 'vitest';
import { FIX_FIELDS_ABOVE, passedCheck } from './use-checked-form';

interface TitleErrors {
  readonly title?: string;
}

type TitleCheck =
  { readonly ok: true; readonly title: string } | { readonly ok: false; readonly errors: TitleErrors };

/** What a form shows after a check: the field errors under the fields, and its failure alert. */
function formShowing() {
  const shown: { errors: Partial<TitleErrors> | null; failure: string | null } = {
    errors: null,
    failure: null,
  };
  return {
    shown,
    showErrors: (errors: Partial<TitleErrors>) => (shown.errors = errors),
    fail: (words: string) => (shown.failure = words),
  };
}

describe('a form’s check before saving', () => {
  it('marks the fields to fix, says what to do, and saves nothing when the check fails', () => {
    const form = formShowing();
    const failed: TitleCheck = { ok: false, errors: { title: 'Give the stream a title.' } };
    expect(passedCheck(failed, form.showErrors, form.fail, FIX_FIELDS_ABOVE)).toBeNull();
    expect(form.shown).toEqual({
      errors: { title: 'Give the stream a title.' },
      failure: 'Fix the fields marked above, then save again.',
    });
  });

  it('says the form’s own words when it has them', () => {
    const form = formShowing();
    const failed: TitleCheck = { ok: false, errors: { title: 'Give the stream a title.' } };
    passedCheck(failed, form.showErrors, form.fail, 'Fix the fields marked above, then press Go live again.');
    expect(form.shown.failure).toBe('Fix the fields marked above, then press Go live again.');
  });

  it('unmarks the fields and hands back the checked values when the check passes', () => {
    const form = formShowing();
    form.showErrors({ title: 'Give the stream a title.' });
    const passed: TitleCheck = { ok: true, title: 'Friday night' };
    expect(passedCheck(passed, form.showErrors, form.fail, FIX_FIELDS_ABOVE)).toEqual({
      ok: true,
      title: 'Friday night',
    });
    expect(form.shown).toEqual({ errors: {}, failure: null });
  });
});
