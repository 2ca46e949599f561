import { useState } from 'react';
import { errorMessage } from '../errors/error-message';
import { useAppSelector } from '../store/hooks';
import { activeAccount } from '../store/studio-slice';
import { useStudioClient } from '../transport/client-context';
import { describeSync } from './status-text';

/** The bottom bar: who is signed in, to which server, and how the connection and outbox are doing. */
export function StatusBar() {
  const client = useStudioClient();
  const studio = useAppSelector((state) => state.studio);
  const account = activeAccount(studio);
  const sync = studio.state?.sync ?? null;
  const [syncError, setSyncError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function syncNow() {
    setBusy(true);
    setSyncError(null);
    try {
      if (account) await client.sync.now.mutate({ accountId: account.id });
    } catch (error) {
      setSyncError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <footer className="status-bar">
      <div role="status" className="status-text">
        {studio.link === 'lost' ? (
          <span className="status-dot status-dot--offline">
            Not connected to the studio: {studio.linkError}
          </span>
        ) : sync === null ? (
          <span className="status-dot status-dot--connecting">Connecting to the studio</span>
        ) : (
          <>
            <span className="status-account">
              {account ? (
                <>
                  <span dir="auto">{account.displayName}</span>
                  {account.handle !== null && <span className="muted"> @{account.handle}</span>}
                </>
              ) : (
                'No account'
              )}
            </span>
            {sync.serverUrl !== null && <span className="status-server">{sync.serverUrl}</span>}
            <span className={`status-dot status-dot--${sync.state}`}>{describeSync(sync)}</span>
            {sync.lastError !== null && (
              <span className="status-error" dir="auto">
                {sync.lastError}
              </span>
            )}
            {syncError !== null && <span className="status-error">{syncError}</span>}
          </>
        )}
      </div>
      {account && (
        <button type="button" className="button button--quiet" onClick={syncNow} disabled={busy}>
          {busy ? 'Syncing…' : 'Sync now'}
        </button>
      )}
    </footer>
  );
}
