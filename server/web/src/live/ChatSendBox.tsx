import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { CHAT_MESSAGE_MAX, chatTextSchema } from '@shared/domain/live/chat-message';
import type { ChatMessageView } from '@shared/domain/live/live-events';
import { useTRPC } from '../api/trpc';
import { chatRefusal } from './chat-refusal';

interface ChatSendBoxProps {
  readonly streamId: string;
  readonly onSent: (message: ChatMessageView) => void;
}

/**
 * The box to chat in: checked by the shared rule before it is sent (empty, too long, more than one line), and
 * the server's refusals (too fast, slow mode, banned, a blocked word, the chat closed) said under it in words.
 * The text stays in the box after a refusal, to be sent again or changed.
 */
export function ChatSendBox({ streamId, onSent }: ChatSendBoxProps) {
  const id = useId();
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation(
    trpc.liveChat.send.mutationOptions({
      onSuccess: (message, input) => {
        onSent(message);
        // Only what was sent leaves the box: the fan may have typed the next message meanwhile.
        setText((current) => (current.trim() === input.text ? '' : current));
        setProblem(null);
      },
      onError: (error) => setProblem(chatRefusal(error)),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (send.isPending) return;
    const checked = chatTextSchema.safeParse(text);
    if (!checked.success) {
      const first = checked.error.issues[0]?.message ?? 'This message cannot be sent';
      setProblem(`${first.charAt(0).toUpperCase()}${first.slice(1)}.`);
      return;
    }
    setProblem(null);
    send.mutate({ streamId, text: checked.data });
  };

  const left = CHAT_MESSAGE_MAX - text.trim().length;
  const problemId = `${id}-problem`;
  const countId = `${id}-count`;
  return (
    <form className="chat-send" noValidate onSubmit={submit}>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        Chat message
      </label>
      <div className="chat-send__row">
        <input
          id={`${id}-text`}
          className="field__input chat-send__input"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="Say something…"
          autoComplete="off"
          dir="auto"
          enterKeyHint="send"
          aria-invalid={problem ? true : undefined}
          aria-describedby={[problem ? problemId : '', countId].join(' ').trim()}
        />
        <button type="submit" className="button button--primary" aria-disabled={send.isPending || undefined}>
          Send
        </button>
      </div>
      <p id={countId} className={left < 0 ? 'char-count char-count--over' : 'char-count'}>
        {left < 0 ? `${-left} characters too many` : left <= 40 ? `${left} characters left` : ''}
      </p>
      {problem ? (
        <p id={problemId} className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
