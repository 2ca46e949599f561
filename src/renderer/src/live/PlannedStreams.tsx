import { useState } from 'react';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { OfferConflict } from '../offers/OfferConflict';
import { useStudioClient } from '../transport/client-context';
import { plannedStreamLine, syncStateWords } from './live-plans';
import { planConflictSide } from './plan-edit';
import { PlanEditor } from './PlanEditor';
import type { LocalStream } from '../../../main/studio/live/stream-table';

/**
 * The streams planned for later, by their start, each with where it stands with the server, Edit and Cancel;
 * one changed on the web meanwhile shows both versions for the creator to choose. Go live on one from the form
 * above (its "Go live on" choice).
 */
export function PlannedStreams({
  accountId,
  plans,
  loadError,
  reload,
}: {
  accountId: string;
  plans: readonly LocalStream[] | null;
  loadError: string | null;
  reload: () => void;
}) {
  const client = useStudioClient();
  const call = useStudioCall<string>();
  /** The planned stream whose fields are open to edit. */
  const [editing, setEditing] = useState<string | null>(null);

  async function cancel(stream: LocalStream) {
    await call.run(
      `cancel:${stream.id}`,
      () => client.live.cancelPlan.mutate({ accountId, id: stream.id }),
      `“${stream.title}” is cancelled.`,
    );
    reload();
  }

  async function keep(stream: LocalStream, choice: ConflictChoice) {
    await call.run(
      `keep:${stream.id}`,
      () => client.live.resolvePlanConflict.mutate({ accountId, id: stream.id, keep: choice }),
      choice === 'mine' ? `Kept your version of “${stream.title}”.` : `Took the server’s version.`,
    );
    reload();
  }

  const planned = (plans ?? []).filter((stream) => stream.status === 'scheduled');
  return (
    <section className="card live-plans" aria-labelledby="live-plans-title">
      <h2 id="live-plans-title">Planned streams</h2>
      {loadError !== null && (
        <p className="form-error" role="alert">
          The planned streams could not be loaded: {loadError}
        </p>
      )}
      {plans === null ? (
        <p className="muted">Loading…</p>
      ) : planned.length === 0 ? (
        <p className="muted">Nothing planned. Fill in the form with a start time and press Plan for later.</p>
      ) : (
        <ul className="live-plans-list">
          {planned.map((stream) => (
            <li key={stream.id} aria-label={stream.title}>
              <span>{plannedStreamLine(stream)}</span>
              <span className="muted small">{syncStateWords(stream)}</span>
              {editing !== stream.id && (
                <>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Edit “${stream.title}”`}
                    disabled={call.busy !== null}
                    onClick={() => {
                      call.setNotice(null);
                      setEditing(stream.id);
                    }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Cancel “${stream.title}”`}
                    disabled={call.busy !== null}
                    onClick={() => void cancel(stream)}
                  >
                    {call.busy === `cancel:${stream.id}` ? 'Cancelling…' : 'Cancel'}
                  </button>
                </>
              )}
              {editing === stream.id && (
                <PlanEditor
                  accountId={accountId}
                  stream={stream}
                  onSaved={(notice) => {
                    setEditing(null);
                    call.setNotice(notice);
                    reload();
                  }}
                  onCancel={() => setEditing(null)}
                />
              )}
              {stream.syncState === 'conflict' && stream.serverVersion && (
                <OfferConflict
                  title={`“${stream.title}” changed on the server too`}
                  mine={planConflictSide('Your version', stream)}
                  server={planConflictSide("Server's version", stream.serverVersion)}
                  busy={call.busy !== null}
                  onKeep={(choice) => void keep(stream, choice)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <CallOutcome failure={call.failure} notice={call.notice} />
    </section>
  );
}
