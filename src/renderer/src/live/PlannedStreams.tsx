import { useState } from 'react';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { SyncConflict } from '../shell/SyncConflict';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { plannedStreamLine, syncStateWords } from './live-plans';
import { plansStored } from './live-slice';
import { planConflictSide } from './plan-edit';
import { PlanEditor } from './PlanEditor';
import type { LocalStream } from '../../../main/studio/live/stream-table';

/**
 * The streams planned for later, by their start, each with where it stands with the server, Edit and Cancel;
 * one changed on the web meanwhile shows both versions for the creator to choose. Go live on one from the form
 * above (its "Go live on" choice).
 */
export function PlannedStreams({ accountId }: { accountId: string }) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const plans = useAppSelector((state) => state.live.plans);
  const loadError = useAppSelector((state) => state.live.plansError);
  const call = useStudioCall<string>();
  /** The planned stream whose fields are open to edit. */
  const [editing, setEditing] = useState<string | null>(null);

  /** Runs a call on `stream` and shows its answer at once (null: the stream is gone). */
  async function settle(
    action: string,
    stream: LocalStream,
    request: () => Promise<LocalStream | null>,
    done: string,
  ) {
    // Wrapped: a stream the server never had comes back as null (gone), which is no failure.
    const result = await call.run(action, async () => ({ after: await request() }), done);
    if (result === null) return;
    const { after } = result;
    dispatch(plansStored({ accountId, streams: after ? [after] : [], gone: after ? [] : [stream.id] }));
  }

  const cancel = (stream: LocalStream) =>
    settle(
      `cancel:${stream.id}`,
      stream,
      () => client.live.cancelPlan.mutate({ accountId, id: stream.id }),
      `“${stream.title}” is cancelled.`,
    );

  const keep = (stream: LocalStream, choice: ConflictChoice) =>
    settle(
      `keep:${stream.id}`,
      stream,
      () => client.live.resolvePlanConflict.mutate({ accountId, id: stream.id, keep: choice }),
      choice === 'mine' ? `Kept your version of “${stream.title}”.` : `Took the server’s version.`,
    );

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
                  }}
                  onCancel={() => setEditing(null)}
                />
              )}
              {stream.syncState === 'conflict' && stream.serverVersion && (
                <SyncConflict
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
