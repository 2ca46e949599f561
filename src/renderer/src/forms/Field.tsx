import { useId, type ReactNode } from 'react';

/** What a control needs to point at its field's error and hint, when there are some. */
export interface FieldErrorLink {
  readonly 'aria-invalid'?: true;
  readonly 'aria-describedby'?: string;
}

/**
 * A labelled form control, its hint (a character count) and its error under it. The label points at the
 * control by id instead of wrapping it, so the control's accessible name is exactly `label` (a wrapping label
 * would also include a select's chosen option); a control spreads `errorLink` to be marked invalid and
 * described by the error and the hint. `id` fixes the control's id (an error summary links to it).
 */
export function Field({
  label,
  error,
  hint,
  id: fixedId,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: { readonly text: string; readonly warn?: boolean } | undefined;
  id?: string;
  children: (id: string, errorLink: FieldErrorLink) => ReactNode;
}) {
  const generated = useId();
  const id = fixedId ?? generated;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter((x) => x !== null).join(' ');
  const errorLink: FieldErrorLink = {
    ...(error ? { 'aria-invalid': true } : {}),
    ...(describedBy !== '' ? { 'aria-describedby': describedBy } : {}),
  };
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {children(id, errorLink)}
        {hint && (
          <span id={hintId} className={`field-hint${hint.warn ? ' field-hint--warn' : ''}`}>
            {hint.text}
          </span>
        )}
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}
