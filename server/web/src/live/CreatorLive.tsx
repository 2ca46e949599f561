import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTRPC } from '../api/trpc';
import { watchPath } from './live-paths';
import type { CreatorStream } from './live-types';
import { formatStreamTime, startsIn } from './stream-time';
import { unlockWords } from './unlock-words';
import './live.css';

/**
 * On a creator's page: a LIVE badge leading to the watch page while they stream, and their upcoming scheduled
 * streams (title, start in the fan's own zone, and what each needs). Nothing while there are none, and nothing
 * when they could not be read: the rest of the page stands on its own.
 */
export function CreatorLive({ handle }: { readonly handle: string }) {
  const trpc = useTRPC();
  const streams = useQuery(trpc.live.forCreator.queryOptions({ handle }, { refetchInterval: 60_000 }));
  const [now] = useState(() => Date.now());
  const all = streams.data ?? [];
  const live = all.filter((entry) => entry.stream.status === 'live');
  const upcoming = all.filter((entry) => entry.stream.status === 'scheduled');
  if (live.length === 0 && upcoming.length === 0) return null;
  return (
    <section className="creator-live" aria-label="Live streams">
      {live.map(({ stream }) => (
        <p key={stream.id} className="creator-live__now">
          <span className="live-badge">LIVE</span>
          <Link to={watchPath(handle, stream.id)}>
            <span className="visually-hidden">Live now: </span>
            <bdi>{stream.title}</bdi>
          </Link>
        </p>
      ))}
      {upcoming.length > 0 ? (
        <>
          <h2>Upcoming streams</h2>
          <ul className="creator-live__list">
            {upcoming.map((entry) => (
              <UpcomingStream key={entry.stream.id} entry={entry} handle={handle} now={now} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function UpcomingStream({
  entry,
  handle,
  now,
}: {
  readonly entry: CreatorStream;
  readonly handle: string;
  readonly now: number;
}) {
  const { stream } = entry;
  return (
    <li className="upcoming-stream">
      <Link to={watchPath(handle, stream.id)} className="upcoming-stream__title" dir="auto">
        {stream.title}
      </Link>
      {stream.scheduledFor ? (
        <p className="upcoming-stream__meta">
          <time dateTime={stream.scheduledFor}>{formatStreamTime(stream.scheduledFor)}</time> (
          {startsIn(stream.scheduledFor, now)})
        </p>
      ) : null}
      <p className="upcoming-stream__meta">{needs(entry)}</p>
    </li>
  );
}

/** What a stream needs from this viewer, in words. */
function needs(entry: CreatorStream): string {
  if (entry.access === 'open') return 'You can watch this stream.';
  return `For: ${unlockWords(entry.unlock)}`;
}
