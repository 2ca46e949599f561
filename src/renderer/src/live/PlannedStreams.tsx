import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { useStudioClient } from '../transport/client-context';
import { plannedStreamLine, syncStateWords } from './live-plans';
import type { LocalStream } from '../../../main/studio/live/stream-table';

/**
 * The streams planned for later, by their start, each with where it stands with the server and Cancel. Go
 * live on one from the form above (its "Go live on" choice).
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

  async function cancel(stream: LocalStream) {
    await call.run(
      `cancel:${stream.id}`,
      () => client.live.cancelPlan.mutate({ accountId, id: stream.id }),
      `“${stream.title}” is cancelled.`,
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
              <button
                type="button"
                className="button"
                disabled={call.busy !== null}
                onClick={() => void cancel(stream)}
              >
                {call.busy === `cancel:${stream.id}` ? 'Cancelling…' : 'Cancel'}
              </button>
            </li>
          ))}
        </ul>
      )}
      <CallOutcome failure={call.failure} notice={call.notice} />
    </section>
  );
}
