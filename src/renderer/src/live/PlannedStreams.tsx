import { useCallback, useEffect, useState } from 'react';
import { STREAM_KIND } from '@shared/domain/live/stream-sync';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { useStudioClient } from '../transport/client-context';
import { plannedStreamLine, syncStateWords } from './live-plans';
import type { LocalStream } from '../../../main/studio/live/stream-table';

/**
 * The streams planned for later, by their start, each with where it stands with the server and Cancel. Loaded
 * when shown, when the form plans one (`reload`), and whenever the studio reports a stream changed (`sync.onChanged`).
 */
export function PlannedStreams({ accountId, reload }: { accountId: string; reload: number }) {
  const client = useStudioClient();
  const [plans, setPlans] = useState<readonly LocalStream[] | null>(null);
  const call = useStudioCall<string>();
  const load = useCallback(async () => {
    setPlans(await client.live.plans.query({ accountId }));
  }, [client, accountId]);

  useEffect(() => {
    load().catch((error: unknown) => call.fail(error instanceof Error ? error.message : String(error)));
    // `call.fail` is stable (a state setter).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, reload]);

  // A push answered or a pull brought a change (an edit on the web, the stream gone live): load them again.
  useEffect(() => {
    const subscription = client.sync.onChanged.subscribe(undefined, {
      onData: ({ accountId: changed, entity }) => {
        if (changed === accountId && entity === STREAM_KIND.entity) load().catch(() => undefined);
      },
    });
    return () => subscription.unsubscribe();
  }, [client, accountId, load]);

  async function cancel(stream: LocalStream) {
    await call.run(
      `cancel:${stream.id}`,
      () => client.live.cancelPlan.mutate({ accountId, id: stream.id }),
      `“${stream.title}” is cancelled.`,
    );
    await load().catch(() => undefined);
  }

  const planned = (plans ?? []).filter((stream) => stream.status === 'scheduled');
  return (
    <section className="card live-plans" aria-labelledby="live-plans-title">
      <h2 id="live-plans-title">Planned streams</h2>
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
