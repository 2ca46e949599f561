import { useId, type ReactNode } from 'react';

/** What a control needs to point at its field's error, when there is one. */
export interface FieldErrorLink {
  readonly 'aria-invalid'?: true;
  readonly 'aria-describedby'?: string;
}

/**
 * A labelled form control, and its error under it. The label points at the control by id instead of wrapping
 * it, so the control's accessible name is exactly `label` (a wrapping label would also include a select's
 * chosen option); a control spreads `errorLink` to be marked invalid and described by the error.
 */
export function Field({
  label,
  error,
  children,
}: {
  label: string;
  error?: string | undefined;
  children: (id: string, errorLink: FieldErrorLink) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const errorLink: FieldErrorLink = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {children(id, errorLink)}
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}
