import { useEffect, useState } from 'react';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { useStudioClient } from '../transport/client-context';
import type { LiveSnapshot } from '../../../main/studio/live/live-session';
import { healthWarning, phaseWords, statFigures } from './live-words';

/** A clock that ticks each second while `running`, for "Live for 4:05". */
function useNow(running: boolean): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

/** The stream on air: where it stands, viewers, the encoder's health, and End. */
export function LiveStatus({ accountId, snapshot }: { accountId: string; snapshot: LiveSnapshot }) {
  const client = useStudioClient();
  const call = useStudioCall<'end'>();
  const { phase } = snapshot;
  const now = useNow(phase.state === 'live');
  const warning = healthWarning(snapshot.stats);
  const canEnd = ['starting', 'connecting', 'live', 'reconnecting', 'failed'].includes(phase.state);
  return (
    <section className="card live-status" aria-labelledby="live-status-title">
      <h2 id="live-status-title">{snapshot.stream?.title ?? 'Stream'}</h2>
      <p className={`live-phase live-phase--${phase.state}`} role="status">
        {phaseWords(phase, snapshot.wentLiveAt, now)}
      </p>
      <p className="live-viewers">
        <span className="muted">Watching now: </span>
        <strong>{snapshot.viewers ?? '—'}</strong>
      </p>
      <h3>Health</h3>
      {warning && (
        <p className={`live-warning live-warning--${warning.level}`} role="alert">
          {warning.text}
        </p>
      )}
      <dl className="live-figures">
        {statFigures(snapshot.stats).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {snapshot.chatProblem && <p className="muted">{snapshot.chatProblem}</p>}
      <div className="actions">
        <button
          type="button"
          className="button button--danger"
          disabled={!canEnd || call.busy !== null}
          onClick={() =>
            void call.run('end', () => client.live.end.mutate({ accountId }), 'The stream has ended.')
          }
        >
          {phase.state === 'ending' || call.busy === 'end' ? 'Ending…' : 'End stream'}
        </button>
      </div>
      <CallOutcome failure={call.failure} notice={call.notice} />
    </section>
  );
}
