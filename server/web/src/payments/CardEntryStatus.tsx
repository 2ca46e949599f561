import { useImperativeHandle, useRef } from 'react';
import type { CardEntryProps } from './CardEntry';

export interface CardEntryStatusProps extends Omit<CardEntryProps, 'autoFocus'> {
  /** What the card part says instead of its field: still loading, or why card payments cannot be taken. */
  readonly message: string;
  /** Card payments cannot be taken from this page (said as an error, at once). */
  readonly failed?: boolean;
}

/**
 * The card part while there is no card field to show: loading, or card payments unavailable. Pay still gets an
 * answer from it (the same sentence, said as the card's error) instead of waiting for a field that may never
 * come, and the focus after it goes to that sentence.
 */
export function CardEntryStatus({ ref, error, message, failed = false }: CardEntryStatusProps) {
  const sentence = useRef<HTMLParagraphElement>(null);
  useImperativeHandle(
    ref,
    () => ({
      paymentMethod: () => Promise.resolve({ ok: false, error: message }),
      focus: () => sentence.current?.focus(),
    }),
    [message],
  );
  const asError = failed || error !== null;
  return (
    <fieldset className="card-entry">
      <legend className="card-entry__legend">Card</legend>
      <div className={asError ? 'field field--invalid' : 'field'}>
        <p
          ref={sentence}
          tabIndex={-1}
          className={asError ? 'field__error card-entry__status' : 'card-entry__status'}
          role={failed ? 'alert' : 'status'}
        >
          {error ?? message}
        </p>
      </div>
    </fieldset>
  );
}
