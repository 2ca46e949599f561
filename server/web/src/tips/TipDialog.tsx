import { describeError } from '../api/error-message';
import { ModalDialog } from '../layout/ModalDialog';
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
 * The tip dialog (a modal, see ModalDialog): the focus moves in to the amount once the creator's settings are
 * there. Mounted once per opening, so each opened dialog has its own idempotency key (useTipSending).
 */
export function TipDialog({ handle, creatorName, target, onClosed }: TipDialogProps) {
  const settings = useTipSettings(handle);
  return (
    <ModalDialog
      title={
        <>
          Tip <span dir="auto">{creatorName}</span>
        </>
      }
      subtitle={
        target.stream ? (
          <>
            During “<bdi>{target.stream.title}</bdi>”
          </>
        ) : target.postId === null ? null : (
          <>
            For “<bdi>{target.postTitle}</bdi>”
          </>
        )
      }
      ready={settings.data !== undefined}
      onClosed={onClosed}
    >
      {(close) =>
        settings.data ? (
          <TipForm
            handle={handle}
            creatorName={creatorName}
            target={target}
            settings={settings.data}
            onDone={close}
          />
        ) : settings.isError ? (
          <div className="modal-dialog__status" role="alert">
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
          <p className="modal-dialog__status" role="status">
            Loading…
          </p>
        )
      }
    </ModalDialog>
  );
}
