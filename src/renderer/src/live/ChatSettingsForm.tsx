import { useEffect, useState, type FormEvent } from 'react';
import { Field } from '../forms/Field';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { useStudioClient } from '../transport/client-context';
import { blockedWordsOf } from './live-plans';

/**
 * The chat's slow mode and blocked words, for all of the creator's streams: kept in the studio (offline too)
 * and sent to the server once.
 */
export function ChatSettingsForm({ accountId }: { accountId: string }) {
  const client = useStudioClient();
  const [slowMode, setSlowMode] = useState('0');
  const [words, setWords] = useState('');
  const call = useStudioCall<'save'>();

  useEffect(() => {
    let gone = false;
    client.live.chatSettings
      .query({ accountId })
      .then((settings) => {
        if (gone) return;
        setSlowMode(String(settings.slowModeSeconds));
        setWords(settings.blockedWords.join(' '));
      })
      .catch((error: unknown) => call.fail(error instanceof Error ? error.message : String(error)));
    return () => {
      gone = true;
    };
    // `call.fail` is stable (a state setter).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, accountId]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const seconds = Number(slowMode);
    if (!/^\d+$/.test(slowMode.trim()) || seconds > 3600) {
      call.fail('Slow mode is a whole number of seconds from 0 (off) to 3600.');
      return;
    }
    await call.run(
      'save',
      () =>
        client.live.setChatSettings.mutate({
          accountId,
          settings: { slowModeSeconds: seconds, blockedWords: blockedWordsOf(words) },
        }),
      (saved) =>
        saved.syncState === 'pending'
          ? { text: 'Saved: the chat follows it once it reaches the server.', tone: 'waiting' }
          : { text: 'Saved.', tone: 'done' },
    );
  }

  return (
    <form
      className="card form live-chat-settings"
      onSubmit={save}
      noValidate
      aria-labelledby="chat-settings-title"
    >
      <h2 id="chat-settings-title">Chat settings</h2>
      <Field label="Slow mode (seconds)" hint={{ text: 'Between one fan’s messages; 0 is off.' }}>
        {(id, link) => (
          <input
            id={id}
            inputMode="numeric"
            value={slowMode}
            onChange={(e) => setSlowMode(e.target.value)}
            {...link}
          />
        )}
      </Field>
      <Field
        label="Blocked words"
        hint={{ text: 'Separated by spaces or commas; messages with them are refused.' }}
      >
        {(id, link) => (
          <textarea id={id} rows={3} value={words} onChange={(e) => setWords(e.target.value)} {...link} />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={call.busy !== null}>
          {call.busy === 'save' ? 'Saving…' : 'Save chat settings'}
        </button>
      </div>
      <CallOutcome failure={call.failure} notice={call.notice} />
    </form>
  );
}
