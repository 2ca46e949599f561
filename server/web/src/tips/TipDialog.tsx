import { useEffect, useId, useRef, useState } from 'react';
import { describeError } from '../api/error-message';
import type { TipTarget } from './tip-types';
import { TipForm } from './TipForm';
import { useTipSettings } from './useTipSettings';

interface TipDialogProps {
  readonly handle: string;
  readonly creatorName: string;
  readonly target: TipTarget;
  /** Called once the dialog has closed (Escape, Close, Done): the page then removes it. */
  readonly onClosed: () => void;
}

/**
 * The tip dialog: a native modal `<dialog>`, so the page behind it is inert, Escape closes it and the focus
 * stays inside. The focus moves in to the amount when it opens and back to the button that opened it when it
 * closes. Mounted once per opening, so each opened dialog has its own idempotency key (useTipSending).
 */
export function TipDialog({ handle, creatorName, target, onClosed }: TipDialogProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const settings = useTipSettings(handle);
  // What had the focus when the dialog opened (the Tip button), to give it back on closing.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );

  // Opens as a modal, then moves the focus to the amount, once the form is there.
  const formShown = settings.data !== undefined;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [formShown]);

  const close = () => dialog.current?.close();
  const closed = () => {
    if (opener?.isConnected) opener.focus();
    onClosed();
  };
  return (
    <dialog ref={dialog} className="tip-dialog" aria-labelledby={titleId} onClose={closed}>
      <div className="tip-dialog__inner">
        <header className="tip-dialog__header">
          <div className="tip-dialog__heading">
            <h2 id={titleId} className="tip-dialog__title">
              Tip <span dir="auto">{creatorName}</span>
            </h2>
            {target.postId === null ? null : (
              <p className="tip-dialog__for">
                For “<bdi>{target.postTitle}</bdi>”
              </p>
            )}
          </div>
          <button type="button" className="button button--quiet tip-dialog__close" onClick={close}>
            <svg
              viewBox="0 0 24 24"
              width="20"
              height="20"
              aria-hidden="true"
              className="tip-dialog__close-icon"
            >
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
            <span className="visually-hidden">Close</span>
          </button>
        </header>
        {settings.data ? (
          <TipForm
            handle={handle}
            creatorName={creatorName}
            target={target}
            settings={settings.data}
            onDone={close}
          />
        ) : settings.isError ? (
          <div className="tip-dialog__status" role="alert">
            <p>{describeError(settings.error)}</p>
            <button
              type="button"
              className="button"
              disabled={settings.isFetching}
              onClick={() => void settings.refetch()}
            >
              Try again
            </button>
          </div>
        ) : (
          <p className="tip-dialog__status" role="status">
            Loading…
          </p>
        )}
      </div>
    </dialog>
  );
}
