import { useEffect, useId, useRef, type ReactNode } from 'react';
import './vault.css';

/**
 * A modal dialog on the platform's `<dialog>`: focus moves in and stays in, the page behind is inert, Escape
 * and the Close button call `onClose` (the caller unmounts it), and focus returns where it was when it closes.
 */
export function ModalDialog({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      // Back to what opened it, if it is still on the page (a deleted item's tile is not).
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal${wide ? ' modal--wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: the caller decides (it unmounts the dialog), so React's state and the page agree.
        event.preventDefault();
        onClose();
      }}
    >
      <header className="modal-header">
        <h2 id={titleId} dir="auto">
          {title}
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Close
        </button>
      </header>
      {children}
    </dialog>
  );
}
