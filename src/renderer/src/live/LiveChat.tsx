import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CHAT_MESSAGE_MAX } from '@shared/domain/live/chat-message';
import { CallOutcome, useStudioCall, type Notice } from '../forms/use-studio-call';
import { useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import type { LiveChatLine } from '../../../main/studio/live/live-ports';
import { tipWords } from './live-words';

const TIMEOUT_MINUTES = 10;

/** No notice: what a sent reply says (the reply itself appears in the log). */
const QUIET = (): Notice => ({ text: '', tone: 'done' });

/**
 * The stream's chat, newest at the bottom, with moderation on each fan's line. Text is shown as text (React
 * escapes it): nothing a fan sends is rendered as HTML. While on air, the creator replies in the chat below it.
 */
export function LiveChat({ accountId, onAir }: { accountId: string; onAir: boolean }) {
  const client = useStudioClient();
  const chat = useAppSelector((state) => state.live.chat);
  const missed = useAppSelector((state) => state.live.missed);
  const call = useStudioCall<'delete' | 'timeout' | 'ban' | 'say'>();
  const [reply, setReply] = useState('');
  const end = useRef<HTMLLIElement>(null);
  // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [chat.length]);

  const moderate = (line: LiveChatLine, kind: 'delete' | 'timeout' | 'ban') =>
    void call.run(
      kind,
      () =>
        client.live.moderate.mutate({
          accountId,
          action:
            kind === 'delete'
              ? { kind, messageId: line.id }
              : kind === 'timeout'
                ? { kind, fanId: line.authorId, minutes: TIMEOUT_MINUTES }
                : { kind, fanId: line.authorId },
        }),
      kind === 'delete'
        ? 'Message deleted.'
        : kind === 'timeout'
          ? `${line.authorName} cannot chat for ${TIMEOUT_MINUTES} minutes.`
          : `${line.authorName} is banned from your chats.`,
    );

  async function say(event: FormEvent) {
    event.preventDefault();
    const text = reply.trim();
    if (text === '') return;
    // The line shows in the log when the server sends it back, as fans see it: that is the confirmation, so
    // a reply that went says nothing more; only a failure is said (as an alert), with the text kept to retry.
    const sent = await call.run('say', () => client.live.say.mutate({ accountId, text }), QUIET);
    if (sent) setReply('');
  }

  return (
    <section className="card live-chat" aria-labelledby="live-chat-title">
      <h2 id="live-chat-title">Chat</h2>
      {missed > 0 && (
        <p className="muted small">Some messages were missed while the chat was busy ({missed}).</p>
      )}
      <div className="live-chat-log" role="log" aria-labelledby="live-chat-title">
        <ol className="live-chat-lines">
          {chat.length === 0 && (
            <li className="muted">{onAir ? 'No messages yet.' : 'The chat opens when you go live.'}</li>
          )}
          {chat.map((line) => (
            <li
              key={line.id}
              className={`live-chat-line${line.kind === 'tip' ? ' live-chat-line--tip' : ''}`}
            >
              <span className="live-chat-author">{line.authorName}</span>{' '}
              {line.kind === 'tip' && (
                <strong className="live-chat-tip">{tipWords('', line.tip).trim()} </strong>
              )}
              <span className="live-chat-text">{line.text}</span>
              {line.authorId !== accountId && (
                <span className="live-chat-actions">
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-label={`Delete ${line.authorName}'s message`}
                    disabled={call.busy !== null}
                    onClick={() => moderate(line, 'delete')}
                  >
                    Delete
                  </button>
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-label={`Time out ${line.authorName} for ${TIMEOUT_MINUTES} minutes`}
                    disabled={call.busy !== null}
                    onClick={() => moderate(line, 'timeout')}
                  >
                    Timeout
                  </button>
                  <button
                    type="button"
                    className="button button--danger-quiet"
                    aria-label={`Ban ${line.authorName}`}
                    disabled={call.busy !== null}
                    onClick={() => moderate(line, 'ban')}
                  >
                    Ban
                  </button>
                </span>
              )}
            </li>
          ))}
          <li ref={end} aria-hidden="true" className="live-chat-end" />
        </ol>
      </div>
      {onAir && (
        <form className="live-chat-reply" onSubmit={say} noValidate>
          <input
            aria-label="Reply in chat"
            placeholder="Say something to your fans…"
            value={reply}
            maxLength={CHAT_MESSAGE_MAX}
            onChange={(e) => setReply(e.target.value)}
          />
          <button
            type="submit"
            className="button button--primary"
            disabled={call.busy !== null || reply.trim() === ''}
          >
            {call.busy === 'say' ? 'Sending…' : 'Send'}
          </button>
        </form>
      )}
      <CallOutcome failure={call.failure} notice={call.notice} />
    </section>
  );
}
