import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import type { StreamStatusEvent } from '@shared/domain/live/stream';
import { failedCallOf } from '../api/error-message';
import { useTRPC } from '../api/trpc';
import { accentStyle } from '../creator/accent';
import { feedView } from '../creator/feed';
import { useFollow } from '../creator/useFollow';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { NotFoundPage } from '../pages/NotFoundPage';
import { creatorPath, normaliseHandle } from '../routing/paths';
import { TierDialog, type TierOffer } from '../subscriptions/TierDialog';
import { TipDialog } from '../tips/TipDialog';
import type { TipTarget } from '../tips/tip-types';
import { isStreamId, watchPath } from './live-paths';
import type { Playback, WatchAnswer } from './live-types';
import { LiveChat } from './LiveChat';
import { LivePlayer } from './LivePlayer';
import type { PlaybackGrant } from './playback-session';
import { formatStreamTime, startsIn } from './stream-time';
import { StreamLock } from './StreamLock';
import { StreamStatusLine } from './StreamStatusLine';
import { TicketDialog, type TicketTarget } from './TicketDialog';
import { useLiveEvents } from './useLiveEvents';
import { useLivePlayer } from './useLivePlayer';
import './live.css';

/** `/c/:handle/live/:streamId`: handles are case-insensitive, so `/c/Ana/live/…` becomes `/c/ana/live/…`. */
export function WatchRoute() {
  const { handle: segment = '', streamId = '' } = useParams();
  const handle = normaliseHandle(segment);
  if (!isStreamId(streamId)) return <StreamNotFound />;
  const id = streamId.toLowerCase();
  if (handle !== segment || id !== streamId) return <Navigate to={watchPath(handle, id)} replace />;
  // Keyed, so going from one stream to another starts from a clean page (chat, player).
  return <WatchPage key={`${handle}/${id}`} handle={handle} streamId={id} />;
}

function StreamNotFound() {
  return (
    <NotFoundPage title="Stream not found">
      There is no such stream. It may have been cancelled, or the address may be mistyped.
    </NotFoundPage>
  );
}

const toGrant = (playback: Playback): PlaybackGrant => ({
  flvUrl: playback.flv,
  hlsUrl: playback.hls,
  token: playback.token,
  expiresAt: playback.expiresAt,
});

const grantOf = (answer: WatchAnswer | undefined): PlaybackGrant | null =>
  answer?.access === 'open' && answer.playback ? toGrant(answer.playback) : null;

/**
 * A creator's live stream: the video (which reconnects by itself), its status and viewers, and the chat beside
 * it; or, for a viewer who may not watch it, what unlocks it. A stream that goes live, ends, or opens to the
 * viewer (a ticket bought, a subscription taken) changes the page in place, never asking for a reload.
 */
function WatchPage({ handle, streamId }: { readonly handle: string; readonly streamId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The creator and who the viewer is to them, shared with the creator page's cache.
  const feed = useInfiniteQuery(
    trpc.creators.page.infiniteQueryOptions({ handle }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const view = feedView(feed);
  const watchOptions = trpc.live.watch.queryOptions({ streamId });
  const watch = useQuery({ ...watchOptions, staleTime: 0 });
  const answer = watch.data;
  const open = answer?.access === 'open';
  const { refetch } = watch;
  const events = useLiveEvents(streamId, open, refetch);

  // The latest status: from the live events once they speak, else from `live.watch`.
  const stream = answer?.stream;
  const status: Pick<StreamStatusEvent, 'status' | 'publishing'> | null =
    events.chat.status ?? (stream ? { status: stream.status, publishing: stream.publishing } : null);

  // A stream that went live (or ended) while the page was open: `live.watch` says how to play it now.
  const eventStatus = events.chat.status?.status;
  useEffect(() => {
    if (eventStatus !== undefined) void refetch();
  }, [eventStatus, refetch]);

  const renew = useCallback(async () => {
    const fresh = await queryClient.fetchQuery({
      ...watchOptions,
      staleTime: 0,
      retry: false,
    });
    return grantOf(fresh);
  }, [queryClient, watchOptions]);
  const grant = grantOf(answer);
  const player = useLivePlayer({
    live: open && status?.status === 'live' && grant !== null,
    grant,
    renew,
    publishing: status?.publishing ?? true,
  });

  const follow = useFollow(handle);
  const [tierOffer, setTierOffer] = useState<TierOffer | null>(null);
  const [ticket, setTicket] = useState<TicketTarget | null>(null);
  const [tipTarget, setTipTarget] = useState<TipTarget | null>(null);
  // Whatever a dialog did (a subscription, a ticket), the stream may have opened: ask again.
  const askAgain = useCallback(() => void refetch(), [refetch]);
  useEffect(() => {
    if (!follow.pending) askAgain();
  }, [follow.pending, askAgain]);

  const notFound =
    view.status === 'notFound' ||
    (watch.isError && failedCallOf(watch.error).code === 'NOT_FOUND') ||
    (stream !== undefined && view.status === 'ready' && stream.creatorId !== view.creator.id);
  useDocumentTitle(
    stream && view.status === 'ready'
      ? `${stream.title} · ${view.creator.displayName}`
      : notFound
        ? 'Stream not found'
        : null,
  );

  if (notFound) return <StreamNotFound />;
  if (view.status === 'failed' || (watch.isError && !answer)) {
    const retry = () => {
      void feed.refetch();
      void refetch();
    };
    return (
      <div className="page-status" role="alert">
        <p>{view.status === 'failed' ? view.message : 'This stream could not be loaded.'}</p>
        <button type="button" className="button" disabled={watch.isFetching} onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  if (view.status !== 'ready' || !answer || !stream || !status) {
    return (
      <p className="page-status" role="status">
        Loading…
      </p>
    );
  }

  const { creator, viewer } = view;
  const here = watchPath(handle, streamId);
  const ended = status.status === 'ended' || status.status === 'cancelled';
  return (
    <div className="watch-page" style={accentStyle(creator.accentColor)}>
      <header className="watch-page__header">
        <h1 className="watch-page__title" dir="auto">
          {stream.title}
        </h1>
        <p className="watch-page__creator">
          <Link to={creatorPath(creator.handle)} dir="auto">
            {creator.displayName}
          </Link>
        </p>
        <StreamStatusLine
          status={status.status}
          scheduledFor={stream.scheduledFor}
          viewers={events.chat.viewers}
        />
      </header>
      <div className="watch-page__body">
        <div className="watch-page__stage">
          {answer.access === 'locked' ? (
            <StreamLock
              streamId={streamId}
              title={stream.title}
              creatorId={creator.id}
              unlock={answer.unlock}
              viewer={viewer}
              returnPath={here}
              following={{
                pending: follow.pending,
                follow: () => follow.setFollowing(true),
              }}
              onTier={setTierOffer}
              onTicket={setTicket}
            />
          ) : status.status === 'live' && grant ? (
            <>
              <LivePlayer player={player} title={stream.title} />
              {!status.publishing ? (
                <p className="watch-page__note" role="status">
                  The stream dropped on the creator’s side. It resumes here by itself when they are back.
                </p>
              ) : null}
            </>
          ) : (
            <StageNotice
              status={status.status}
              scheduledFor={stream.scheduledFor}
              live={status.status === 'live'}
            />
          )}
          {follow.error ? (
            <p className="field__error" role="alert">
              {follow.error}
            </p>
          ) : null}
        </div>
        {open ? (
          <LiveChat
            streamId={streamId}
            creatorId={creator.id}
            viewer={viewer}
            events={events}
            closed={ended}
            returnPath={here}
            onTip={
              viewer.signedIn && !viewer.isOwner && !ended
                ? () =>
                    setTipTarget({
                      postId: null,
                      postTitle: null,
                      stream: { id: streamId, title: stream.title },
                    })
                : null
            }
          />
        ) : null}
      </div>
      {tierOffer ? (
        <TierDialog
          handle={creator.handle}
          creatorName={creator.displayName}
          offer={tierOffer}
          onClosed={() => {
            setTierOffer(null);
            askAgain();
          }}
        />
      ) : null}
      {ticket ? (
        <TicketDialog
          creatorName={creator.displayName}
          target={ticket}
          onClosed={() => {
            setTicket(null);
            askAgain();
          }}
        />
      ) : null}
      {tipTarget ? (
        <TipDialog
          handle={creator.handle}
          creatorName={creator.displayName}
          target={tipTarget}
          onClosed={() => setTipTarget(null)}
        />
      ) : null}
    </div>
  );
}

/** In place of the video when there is nothing to play: when it starts, that it ended, or that it is coming. */
function StageNotice({
  status,
  scheduledFor,
  live,
}: {
  readonly status: string;
  readonly scheduledFor: string | null;
  readonly live: boolean;
}) {
  const [now] = useState(() => Date.now());
  return (
    <div className="stage-notice" role="status">
      {live ? (
        <p>The video is on its way…</p>
      ) : status === 'scheduled' ? (
        <>
          <p className="stage-notice__big">
            {scheduledFor ? `Starts ${startsIn(scheduledFor, now)}` : 'This stream has not started yet'}
          </p>
          {scheduledFor ? <p>{formatStreamTime(scheduledFor)}</p> : null}
          <p>Keep this page open: the video starts here by itself when the stream goes live.</p>
        </>
      ) : (
        <p className="stage-notice__big">
          {status === 'ended' ? 'This stream has ended.' : 'This stream was cancelled.'}
        </p>
      )}
    </div>
  );
}
