import { Fragment } from 'react';

/** One side of a conflict: a heading and what it says, field by field. */
export interface ConflictSide {
  readonly heading: string;
  readonly facts: readonly (readonly [label: string, value: string])[];
}

function Side({ side }: { side: ConflictSide }) {
  return (
    <div className="conflict-version" role="group" aria-label={side.heading}>
      <h3>{side.heading}</h3>
      <dl>
        {side.facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd dir="auto">{value}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}

/** Something changed here and on the server: both versions side by side, and the creator's choice. */
export function SyncConflict(props: {
  title: string;
  mine: ConflictSide;
  server: ConflictSide;
  busy: boolean;
  onKeep: (keep: 'mine' | 'server') => void;
}) {
  const { title, mine, server, busy, onKeep } = props;
  return (
    <section className="conflict" aria-label={title}>
      <h3>{title}</h3>
      <p>Choose the version to keep. The other one is discarded.</p>
      <div className="conflict-columns">
        <Side side={mine} />
        <Side side={server} />
      </div>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => onKeep('mine')}>
          Keep mine
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => onKeep('server')}>
          Keep server&apos;s
        </button>
      </div>
    </section>
  );
}
