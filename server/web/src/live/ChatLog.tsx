import { isCurrency } from '@shared/domain/money';
import { useEffect, useRef } from 'react';
import type { ChatMessageView } from '@shared/domain/live/live-events';
import { displayMinor } from '../format/money';
import { type ChatLine, missedLabel } from './chat-state';

interface ChatLogProps {
  readonly lines: readonly ChatLine[];
  readonly creatorId: string;
}

/**
 * The chat as a log that screen readers follow politely. Every message is text: React writes it as a text node,
 * so `<script>` or `<img onerror>` typed in the chat shows as those characters and never runs. Tips stand out
 * with their amount. The log keeps to the newest line unless the fan scrolled up to read.
 */
export function ChatLog({ lines, creatorId }: ChatLogProps) {
  const log = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const element = log.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [lines]);
  return (
    // The log is a box around the list: `log` is not a role a list may take.
    <div
      ref={log}
      className="chat-log"
      role="log"
      aria-live="polite"
      aria-label="Chat messages"
      // Focusable, so a keyboard user can scroll it.
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
      }}
    >
      <ol className="chat-log__list">
        {lines.length === 0 ? <li className="chat-log__empty">No messages yet. Say hello!</li> : null}
        {lines.map((line) =>
          line.kind === 'missed' ? (
            <li key={line.notice.id} className="chat-line chat-line--missed">
              {missedLabel(line.notice.count)}
            </li>
          ) : (
            <ChatLineItem key={line.message.id} message={line.message} creatorId={creatorId} />
          ),
        )}
      </ol>
    </div>
  );
}

function ChatLineItem({
  message,
  creatorId,
}: {
  readonly message: ChatMessageView;
  readonly creatorId: string;
}) {
  const tip =
    message.tip && isCurrency(message.tip.currency)
      ? displayMinor(message.tip.currency, message.tip.amount)
      : null;
  const isCreator = message.author.id === creatorId;
  return (
    <li className={tip ? 'chat-line chat-line--tip' : 'chat-line'}>
      <span
        className={isCreator ? 'chat-line__author chat-line__author--creator' : 'chat-line__author'}
        dir="auto"
      >
        {message.author.displayName}
      </span>
      {isCreator ? <span className="chat-line__badge">Creator</span> : null}
      {tip ? <span className="chat-line__tip">tipped {tip}</span> : null}
      {message.text !== '' ? (
        <>
          <span className="visually-hidden">: </span>
          <span className="chat-line__text" dir="auto">
            {message.text}
          </span>
        </>
      ) : null}
    </li>
  );
}
