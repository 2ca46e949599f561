import { useState, type FormEvent } from 'react';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import { Field } from '../forms/Field';
import { syncNotice } from '../forms/sync-notice';
import { useCheckedForm } from '../forms/use-checked-form';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { SyncConflict } from '../shell/SyncConflict';
import { SyncBadge } from '../shell/SyncBadge';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import type { LocalChatSettings } from '../../../main/studio/live/chat-settings-table';
import {
  chatSettingsConflictSide,
  chatSettingsFormOf,
  checkChatSettingsForm,
  sameChatSettingsForm,
  type ChatSettingsForm as Form,
  type ChatSettingsFormErrors,
} from './chat-settings-form';
import { chatSettingsStored } from './live-slice';

type Action = 'save' | 'keep-mine' | 'keep-server';

const SAVED = {
  done: 'Saved.',
  waiting: 'Saved: the chat follows it once the studio is back online.',
};

/**
 * The chat's slow mode and blocked words, for all of the creator's streams: kept in the studio (offline too)
 * and sent to the server once. The form follows the stored settings (a copy pulled from the server shows at
 * once) until the creator types; then their edits stay, and a newer copy arriving meanwhile is said, not
 * written over them.
 */
export function ChatSettingsForm({ accountId }: { accountId: string }) {
  const settings = useAppSelector((state) => state.live.chatSettings);
  const error = useAppSelector((state) => state.live.chatSettingsError);
  return (
    <section className="card live-chat-settings" aria-labelledby="chat-settings-title">
      <header className="live-section-header">
        <h2 id="chat-settings-title">Chat settings</h2>
        {settings && <SyncBadge state={settings.syncState} />}
      </header>
      {error !== null && (
        <p className="form-error" role="alert">
          The chat settings could not be loaded: {error}
        </p>
      )}
      {settings === null ? (
        error === null && (
          <p className="muted" role="status">
            Loading your chat settings…
          </p>
        )
      ) : (
        <ChatSettingsEditor accountId={accountId} settings={settings} />
      )}
    </section>
  );
}

/** What the creator typed, and the stored settings as the form showed them when they started. */
interface Edits {
  readonly form: Form;
  readonly base: Form;
}

function ChatSettingsEditor({ accountId, settings }: { accountId: string; settings: LocalChatSettings }) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const connection = useAppSelector((state) => state.studio.state?.sync.state ?? null);
  const [edits, setEdits] = useState<Edits | null>(null);
  const call = useStudioCall<Action>();
  const { errors, passed, clearErrors } = useCheckedForm<ChatSettingsFormErrors>(call.fail);
  const shown = chatSettingsFormOf(settings);
  const form = edits?.form ?? shown;
  const newerArrived = edits !== null && !sameChatSettingsForm(edits.base, shown);
  const change = (update: Partial<Form>) => {
    setEdits({ form: { ...form, ...update }, base: edits?.base ?? shown });
    call.setNotice(null);
  };

  async function run(action: Action, request: () => Promise<LocalChatSettings>, words = SAVED) {
    const answer = await call.run(action, request, (result) =>
      syncNotice(words, result.syncState, connection),
    );
    if (!answer) return;
    dispatch(chatSettingsStored({ accountId, chatSettings: answer }));
    setEdits(null);
    clearErrors();
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const checked = passed(checkChatSettingsForm(form));
    if (!checked) return;
    await run('save', () => client.live.setChatSettings.mutate({ accountId, settings: checked.settings }));
  }

  const keep = (choice: ConflictChoice) =>
    run(
      choice === 'mine' ? 'keep-mine' : 'keep-server',
      () => client.live.resolveChatSettingsConflict.mutate({ accountId, keep: choice }),
      choice === 'mine'
        ? {
            done: 'Kept yours.',
            waiting: 'Kept yours: it reaches the server once the studio is back online.',
          }
        : { done: 'Took the server’s settings.', waiting: 'Took the server’s settings.' },
    );

  return (
    <form className="form" onSubmit={save} noValidate aria-labelledby="chat-settings-title">
      {settings.syncState === 'conflict' && settings.serverVersion && (
        <SyncConflict
          title="Your chat settings changed on the server too"
          mine={chatSettingsConflictSide('Your version', settings)}
          server={chatSettingsConflictSide("Server's version", settings.serverVersion)}
          busy={call.busy !== null}
          onKeep={(choice) => void keep(choice)}
        />
      )}
      {settings.syncState === 'rejected' && (
        <p className="form-error" role="alert">
          The server refused the last change: {settings.syncError ?? 'no reason given'}. Edit and save again.
        </p>
      )}
      {newerArrived && (
        <div className="live-newer">
          <p role="status">
            A newer copy of your chat settings arrived from the server (changed on the web or in another
            studio). Your edits are kept: save them to replace it, or show the newer copy instead.
          </p>
          <button type="button" className="button" onClick={() => setEdits(null)}>
            Show the newer copy
          </button>
        </div>
      )}
      <Field
        label="Slow mode (seconds)"
        error={errors.slowMode}
        hint={{ text: 'Between one fan’s messages; 0 is off.' }}
      >
        {(id, link) => (
          <input
            id={id}
            inputMode="numeric"
            value={form.slowMode}
            onChange={(e) => change({ slowMode: e.target.value })}
            {...link}
          />
        )}
      </Field>
      <Field
        label="Blocked words"
        error={errors.words}
        hint={{ text: 'Separated by spaces or commas; messages with them are refused.' }}
      >
        {(id, link) => (
          <textarea
            id={id}
            rows={3}
            value={form.words}
            onChange={(e) => change({ words: e.target.value })}
            {...link}
          />
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
