import { useEffect, useState, type FormEvent } from 'react';
import { Field } from '../forms/Field';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { useStudioClient } from '../transport/client-context';
import { watchSummary, type WatchState } from './watch-folder';

/**
 * The watched folder (off by default): a folder on this computer whose new media files are imported as they
 * appear, e.g. where a camera app saves. Folded away under the toolbar; its state is said when opened.
 */
export function WatchFolderPanel({ accountId }: { accountId: string }) {
  const client = useStudioClient();
  const [state, setState] = useState<WatchState | null>(null);
  const [path, setPath] = useState('');
  const [enabled, setEnabled] = useState(false);
  const { busy, failure, notice, run } = useStudioCall<'save'>();

  useEffect(() => {
    let current = true;
    client.vault.watchFolder.get
      .query({ accountId })
      .then((answer) => {
        if (!current) return;
        setState(answer);
        setPath(answer.path ?? '');
        setEnabled(answer.enabled);
      })
      .catch((error: unknown) => console.warn(error));
    return () => {
      current = false;
    };
  }, [accountId, client]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const folder = path.trim();
    const answer = await run(
      'save',
      () => client.vault.watchFolder.set.mutate({ accountId, path: folder === '' ? null : folder, enabled }),
      (saved) => ({ text: watchSummary(saved), tone: 'done' }),
    );
    if (answer) {
      setState(answer);
      setPath(answer.path ?? '');
    }
  }

  return (
    <details className="watch-folder">
      <summary>
        Watched folder{state?.enabled ? (state.watching ? ': on' : ': not working') : ': off'}
      </summary>
      <form className="watch-folder__form" onSubmit={save} noValidate aria-label="Watched folder">
        <p className="muted small">{watchSummary(state)}</p>
        <Field
          label="Folder"
          id="watch-folder-path"
          hint={{ text: 'The full path of a folder on this computer.' }}
        >
          {(id, errorLink) => (
            <input
              id={id}
              className="mono"
              spellCheck={false}
              autoComplete="off"
              value={path}
              placeholder="/home/you/Pictures/Camera"
              onChange={(event) => setPath(event.target.value)}
              {...errorLink}
            />
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
          Import new files that appear in this folder
        </label>
        <CallOutcome failure={failure} notice={notice} />
        <button type="submit" className="button" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
      </form>
    </details>
  );
}
