import { useState } from 'react';

/** What a form's pure checker (`checkTierForm`…) answers: the values to save, or each field's error. */
export type FormCheck<Errors> = { readonly ok: true } | { readonly ok: false; readonly errors: Errors };

/** The failure most forms show when their check fails: the fields and the failure alert sit above Save. */
export const FIX_FIELDS_ABOVE = 'Fix the fields marked above, then save again.';

/**
 * Shows a check's errors under their fields (none once it passes) and, when it failed, says `fix` as the
 * form's failure; gives back the passed check, to save, or null.
 */
export function passedCheck<Errors, Check extends FormCheck<Errors>>(
  checked: Check,
  showErrors: (errors: Partial<Errors>) => void,
  fail: (words: string) => void,
  fix: string,
): Extract<Check, { readonly ok: true }> | null {
  if (!checked.ok) {
    showErrors(checked.errors);
    fail(fix);
    return null;
  }
  showErrors({});
  // TypeScript narrows a type parameter's properties, not the parameter itself: this is the passed side.
  return checked as Extract<Check, { readonly ok: true }>;
}

/**
 * A form's field errors, from its last check before saving. `passed(check, fix)` marks the fields and, when
 * the check failed, says `fix` through `fail` (the form's `useStudioCall().fail`, shown as an alert); a form
 * saves the check it gives back, or stops at null. `clearErrors` unmarks the fields (after another change).
 */
export function useCheckedForm<Errors>(fail: (words: string) => void) {
  const [errors, setErrors] = useState<Partial<Errors>>({});
  const passed = <Check extends FormCheck<Errors>>(checked: Check, fix = FIX_FIELDS_ABOVE) =>
    passedCheck<Errors, Check>(checked, setErrors, fail, fix);
  return { errors, passed, clearErrors: () => setErrors({}) };
}
