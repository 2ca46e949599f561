import { progressLine } from './job-progress';
import type { VaultItem } from './vault-item';

/**
 * An item's work under way: a progress bar with its percent and time left (or what it waits for, or why it
 * failed) and Cancel or Retry. Nothing once the latest job is done.
 */
export function JobProgress({
  item,
  online,
  busy,
  onCancel,
  onRetry,
}: {
  item: VaultItem;
  online: boolean;
  busy: boolean;
  onCancel: () => void;
  onRetry: () => void;
}) {
  const line = progressLine(item.job, online);
  if (line === null) return null;
  const what = item.job?.kind === 'upload' ? 'Upload' : 'Processing';
  return (
    <div className={`job job--${line.tone}`}>
      {line.percent !== null && (
        <div
          className="job-bar"
          role="progressbar"
          aria-label={`${what} of ${item.title}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={line.percent}
          aria-valuetext={line.text}
        >
          <span className="job-bar__fill" style={{ width: `${line.percent}%` }} />
        </div>
      )}
      <p className="job-text">{line.text}</p>
      {(line.canCancel || line.canRetry) && (
        <div className="job-actions">
          {line.canCancel && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              aria-label={`Cancel ${what.toLowerCase()} of ${item.title}`}
              onClick={onCancel}
            >
              Cancel
            </button>
          )}
          {line.canRetry && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              aria-label={`Retry ${what.toLowerCase()} of ${item.title}`}
              onClick={onRetry}
            >
              Retry
            </button>
          )}
        </div>
      )}
    </div>
  );
}
