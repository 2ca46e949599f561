import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Reaction } from '@shared/domain/live/reactions';
import { useTRPC } from '../api/trpc';
import type { Viewer } from '../api/types';
import { authPath } from '../routing/paths';
import { chatRefusal } from './chat-refusal';
import { chatLines } from './chat-state';
import { ChatLog } from './ChatLog';
import { ChatSendBox } from './ChatSendBox';
import { ReactionsBar } from './ReactionsBar';
import type { LiveEvents } from './useLiveEvents';

interface LiveChatProps {
  readonly streamId: string;
  readonly creatorId: string;
  readonly viewer: Viewer;
  readonly events: LiveEvents;
  /** The stream has ended: the chat is read-only. */
  readonly closed: boolean;
  /** Where a signed-out viewer comes back to after signing in. */
  readonly returnPath: string;
  /** Opens the tip dialog (a signed-in fan, not the creator); null where tipping is not offered. */
  readonly onTip: (() => void) | null;
}

/**
 * The chat beside the video: the log, the reactions, and for a signed-in viewer the box to chat in and Tip;
 * a visitor is asked to sign in.
 */
export function LiveChat({ streamId, creatorId, viewer, events, closed, returnPath, onTip }: LiveChatProps) {
  const trpc = useTRPC();
  const [reactError, setReactError] = useState<string | null>(null);
  const react = useMutation(
    trpc.liveChat.react.mutationOptions({
      onSuccess: () => setReactError(null),
      onError: (error) => setReactError(chatRefusal(error)),
    }),
  );
  const { reacted } = events;
  const onReact =
    viewer.signedIn && !closed
      ? (reaction: Reaction) => {
          reacted(reaction);
          react.mutate({ streamId, reaction });
        }
      : null;

  return (
    <section className="live-chat" aria-labelledby="live-chat-title">
      <header className="live-chat__header">
        <h2 id="live-chat-title" className="live-chat__title">
          Chat
        </h2>
        {!events.connected ? (
          <span className="live-chat__state" role="status">
            Reconnecting…
          </span>
        ) : null}
      </header>
      <ChatLog lines={chatLines(events.chat)} creatorId={creatorId} />
      <ReactionsBar floats={events.floats} onReact={onReact} error={reactError} />
      {closed ? (
        <p className="live-chat__note">The stream has ended; its chat is closed.</p>
      ) : viewer.signedIn ? (
        <div className="live-chat__compose">
          <ChatSendBox streamId={streamId} onSent={events.sent} />
          {onTip ? (
            <button type="button" className="button live-chat__tip" aria-haspopup="dialog" onClick={onTip}>
              Tip
            </button>
          ) : null}
        </div>
      ) : (
        <p className="live-chat__note">
          <Link to={authPath('signin', returnPath)}>Sign in</Link> to chat, react and tip.
        </p>
      )}
    </section>
  );
}
