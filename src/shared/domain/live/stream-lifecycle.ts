import type { StreamStatus } from './stream';

/**
 * The moves a stream's status may make: scheduled → live (its first publish) → ended, or scheduled →
 * cancelled. Nothing leaves ended or cancelled: a new stream is a new row, with its own chat and tickets.
 */
const ALLOWED: Readonly<Record<StreamStatus, readonly StreamStatus[]>> = {
  scheduled: ['live', 'cancelled'],
  live: ['ended'],
  ended: [],
  cancelled: [],
};

/** Null when a stream in `from` may move to `to`; otherwise why not, in words a creator can act on. */
export function transitionIssue(from: StreamStatus, to: StreamStatus): string | null {
  if (ALLOWED[from].includes(to)) return null;
  if (from === 'ended') return 'This stream has ended; schedule a new one';
  if (from === 'cancelled') return 'This stream was cancelled; schedule a new one';
  if (from === to)
    return from === 'live' ? 'This stream is live already' : 'This stream is scheduled already';
  if (to === 'ended') return 'This stream has not gone live; cancel it instead';
  if (to === 'cancelled') return 'This stream is live; end it instead';
  return `A stream cannot go from ${from} to ${to}`;
}

/** Whether the creator may still change a stream's title and access (before it ends). */
export const isEditable = (status: StreamStatus): boolean => status === 'scheduled' || status === 'live';

/** Whether an ingest key may be issued: a stream that has not ended, so an encoder can (re)connect. */
export const acceptsPublisher = (status: StreamStatus): boolean => isEditable(status);

/** Whether fans may play it now (a scheduled stream is shown with its time, but has nothing to play). */
export const isPlayable = (status: StreamStatus): boolean => status === 'live';
