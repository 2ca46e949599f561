import { useState } from 'react';
import type { AccountSummary } from '@shared/domain/sync/status';
import { errorMessage } from '../errors/error-message';
import { useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { describeSync } from '../shell/status-text';
import { SignInForm } from './SignInForm';

const ROLE_WORDS: Readonly<Record<AccountSummary['role'], string>> = {
  creator: 'Creator',
  manager: 'Studio manager',
  fan: 'Fan',
};

/** Accounts signed in to this studio, each syncing on its own: choose the one shown, sign out, sign another in. */
export function AccountsScreen() {
  const client = useStudioClient();
  const state = useAppSelector((root) => root.studio.state);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const accounts = state?.accounts ?? [];

  async function run(accountId: string, action: 'switch' | 'signOut') {
    setBusyId(accountId);
    setError(null);
    try {
      if (action === 'switch') await client.accounts.switch.mutate({ accountId });
      else await client.accounts.signOut.mutate({ accountId });
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="accounts">
      <h1 id="screen-title">Accounts</h1>
      {accounts.length === 0 ? (
        <p className="muted">No account is signed in yet. Sign in with your creator account to start.</p>
      ) : (
        <ul className="account-list" aria-label="Signed-in accounts">
          {accounts.map((account) => {
            const active = account.id === state?.activeAccountId;
            return (
              <li key={account.id} className={`card account${active ? ' account--active' : ''}`}>
                <div className="account-who">
                  <strong dir="auto">{account.displayName}</strong>
                  {account.handle !== null && <span className="muted"> @{account.handle}</span>}
                  <div className="muted small">
                    {account.email} · {ROLE_WORDS[account.role]} · {account.serverUrl}
                  </div>
                  <div className={`small status-dot status-dot--${account.sync.state}`}>
                    {describeSync(account.sync)}
                    {account.sync.lastError !== null && ` · ${account.sync.lastError}`}
                  </div>
                </div>
                <div className="actions">
                  {active ? (
                    <span className="badge badge--synced">Active</span>
                  ) : (
                    <button
                      type="button"
                      className="button"
                      disabled={busyId !== null}
                      onClick={() => run(account.id, 'switch')}
                    >
                      Switch
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--quiet"
                    disabled={busyId !== null}
                    onClick={() => run(account.id, 'signOut')}
                  >
                    Sign out
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <SignInForm />
    </section>
  );
}
