import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

interface ModalDialogProps {
  /** The dialog's heading, which also names it. */
  readonly title: ReactNode;
  /** A line under the heading (what a tip is for, whose tier). */
  readonly subtitle?: ReactNode;
  /**
   * Whether the content to focus is there yet: the focus moves to its `[data-autofocus]` element (or the dialog's
   * first field) once it is, and again each time this turns true.
   */
  readonly ready?: boolean;
  /** Called once the dialog has closed (Escape, Close, Done): the page then removes it. */
  readonly onClosed: () => void;
  /** The content, given the function that closes the dialog (for its Done or Cancel button). */
  readonly children: (close: () => void) => ReactNode;
}

/**
 * A native modal `<dialog>` with a heading and a Close button: the page behind it is inert, Escape closes it and
 * the focus stays inside. The focus moves in when it opens and back to what opened it when it closes. Mount it
 * once per opening, so what it holds (a payment's idempotency key) is made anew each time.
 */
export function ModalDialog({ title, subtitle, ready = true, onClosed, children }: ModalDialogProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  // What had the focus when the dialog opened (the button), to give it back on closing.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    if (ready) element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [ready]);

  const close = () => dialog.current?.close();
  const closed = () => {
    if (opener?.isConnected) opener.focus();
    onClosed();
  };
  return (
    <dialog ref={dialog} className="modal-dialog" aria-labelledby={titleId} onClose={closed}>
      <div className="modal-dialog__inner">
        <header className="modal-dialog__header">
          <div className="modal-dialog__heading">
            <h2 id={titleId} className="modal-dialog__title">
              {title}
            </h2>
            {subtitle ? <p className="modal-dialog__subtitle">{subtitle}</p> : null}
          </div>
          <button type="button" className="button button--quiet modal-dialog__close" onClick={close}>
            <svg
              viewBox="0 0 24 24"
              width="20"
              height="20"
              aria-hidden="true"
              className="modal-dialog__close-icon"
            >
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
            <span className="visually-hidden">Close</span>
          </button>
        </header>
        {children(close)}
      </div>
    </dialog>
  );
}
