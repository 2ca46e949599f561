import type { StreamStatus } from '@shared/domain/live/stream';
import { formatStreamTime, viewersLabel } from './stream-time';

interface StreamStatusLineProps {
  readonly status: StreamStatus;
  readonly scheduledFor: string | null;
  readonly viewers: number | null;
}

/** Under the stream's title: LIVE with the viewer count, when a scheduled stream starts, or that it ended. */
export function StreamStatusLine({ status, scheduledFor, viewers }: StreamStatusLineProps) {
  return (
    <p className="stream-status">
      {status === 'live' ? (
        <>
          <span className="live-badge">LIVE</span>
          {viewers !== null ? <span className="stream-status__viewers">{viewersLabel(viewers)}</span> : null}
        </>
      ) : status === 'scheduled' ? (
        <span className="stream-status__when">
          {scheduledFor ? `Starts ${formatStreamTime(scheduledFor)}` : 'Not started yet'}
        </span>
      ) : (
        <span className="stream-status__when">{status === 'ended' ? 'Ended' : 'Cancelled'}</span>
      )}
    </p>
  );
}
