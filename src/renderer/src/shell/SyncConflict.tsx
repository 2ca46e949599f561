import { Fragment } from 'react';

/** One side of a conflict: a heading and what it says, field by field, and any long text after them. */
export interface ConflictSide {
  readonly heading: string;
  readonly facts: readonly (readonly [label: string, value: string])[];
  /** A long free text (a post's body, a bio), shown whole under the facts. */
  readonly text?: string;
}

function Side({ side, level }: { side: ConflictSide; level: HeadingLevel }) {
  const Heading = `h${level + 1}` as 'h3' | 'h4';
  return (
    <div className="conflict-version" role="group" aria-label={side.heading}>
      <Heading>{side.heading}</Heading>
      <dl>
        {side.facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd dir="auto">{value}</dd>
          </Fragment>
        ))}
      </dl>
      {side.text !== undefined && (
        <p className="conflict-body" dir="auto">
          {side.text}
        </p>
      )}
    </div>
  );
}

/** The level of the conflict's heading: 2 directly under a screen's title, 3 inside a section. */
type HeadingLevel = 2 | 3;

/**
 * Something changed here and on the server: both versions side by side, and the creator's choice. `server` is
 * null while the studio has not fetched the server's version yet (it cannot be kept until then).
 */
export function SyncConflict(props: {
  title: string;
  mine: ConflictSide;
  server: ConflictSide | null;
  busy: boolean;
  onKeep: (keep: 'mine' | 'server') => void;
  /** Default 3 (inside a section); its versions' headings are one level below. */
  headingLevel?: HeadingLevel;
}) {
  const { title, mine, server, busy, onKeep, headingLevel = 3 } = props;
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  return (
    <section className="conflict" aria-label={title}>
      <Heading>{title}</Heading>
      <p>Choose the version to keep. The other one is discarded.</p>
      <div className="conflict-columns">
        <Side side={mine} level={headingLevel} />
        {server ? (
          <Side side={server} level={headingLevel} />
        ) : (
          <p className="muted">The server&apos;s version is not available yet; sync again to fetch it.</p>
        )}
      </div>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => onKeep('mine')}>
          Keep mine
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || server === null}
          onClick={() => onKeep('server')}
        >
          Keep server&apos;s
        </button>
      </div>
    </section>
  );
}
