import { useRef, useState, type DragEvent } from 'react';
import { useStore } from 'react-redux';
import { useAppSelector } from '../store/hooks';
import type { AppStore } from '../store/store';
import { activeAccount } from '../store/studio-slice';
import { useStudioClient } from '../transport/client-context';
import { ImportResults } from './ImportResults';
import { ItemDetailsDialog } from './ItemDetailsDialog';
import { useJobActions } from './use-job-actions';
import { useVaultImport } from './use-vault-import';
import { VaultGrid } from './VaultGrid';
import { loadPage } from './vault-pages';
import { unfiltered, vaultItemById } from './vault-slice';
import { VaultToolbar } from './VaultToolbar';
import { WatchFolderPanel } from './WatchFolderPanel';
import './vault.css';

/** What a file input or a drop hands over, as a list. */
const filesOf = (list: FileList | null): File[] => (list ? Array.from(list) : []);

/** Whether a drag carries files (not text or a link dragged from elsewhere on the page). */
const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

function ImportButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  return (
    <span className="import-button">
      {/* The input itself takes focus (Tab, then Space or Enter opens the picker); the label is what shows. */}
      <input
        id="vault-import-input"
        className="import-button__input"
        type="file"
        multiple
        accept="image/*,video/*,audio/*"
        onChange={(event) => {
          onFiles(filesOf(event.target.files));
          // The same file picked again is a change too (its import says it is already in the vault).
          event.target.value = '';
        }}
      />
      <label htmlFor="vault-import-input" className="button button--primary">
        Import files
      </label>
    </span>
  );
}

/** The grid's state when it shows nothing: loading, failed, empty vault, or nothing matches. */
function EmptyGrid() {
  const { loading, error, filters } = useAppSelector((state) => state.vault);
  const count = useAppSelector((state) => state.vault.ids.length);
  if (error !== null) {
    return (
      <p className="form-error" role="alert">
        The vault could not be loaded: {error}
      </p>
    );
  }
  if (count > 0) return null;
  if (loading === 'first') return <p className="muted empty">Loading your vault…</p>;
  return (
    <p className="muted empty">
      {unfiltered(filters)
        ? 'Your vault is empty. Import photos, videos and audio with “Import files”, or drop them here.'
        : 'Nothing matches. Try other words or filters.'}
    </p>
  );
}

/**
 * The vault: the creator's photos, videos and audio as a grid with search and filters; import by the button or by
 * dropping files anywhere on the screen; each item's processing and upload with time left; details to edit.
 */
export function VaultScreen() {
  const account = useAppSelector((state) => activeAccount(state.studio));
  if (!account) {
    return (
      <section className="vault">
        <h1 id="screen-title">Vault</h1>
        <p className="muted">Sign in with a creator account (under Accounts) to keep your media here.</p>
      </section>
    );
  }
  return <AccountVault key={account.id} accountId={account.id} />;
}

function AccountVault({ accountId }: { accountId: string }) {
  const client = useStudioClient();
  const store = useStore() as AppStore;
  const importFiles = useVaultImport(accountId);
  const { busyIds, run: runJob, failure: jobFailure } = useJobActions(accountId);
  const open = useAppSelector((state) => vaultItemById(state.vault, state.vault.openId));
  const { nextCursor, loading } = useAppSelector((state) => state.vault);
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them, so the overlay goes only on leaving the screen.
  const depth = useRef(0);

  function onDragEnter(event: DragEvent) {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setDragging(true);
  }
  function onDragLeave(event: DragEvent) {
    if (!carriesFiles(event)) return;
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setDragging(false);
  }
  function onDragOver(event: DragEvent) {
    if (!carriesFiles(event)) return;
    // Without this the browser opens the dropped file instead of handing it to the page.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }
  function onDrop(event: DragEvent) {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth.current = 0;
    setDragging(false);
    void importFiles(filesOf(event.dataTransfer.files));
  }

  return (
    <section
      className={`vault${dragging ? ' vault--dragging' : ''}`}
      onDragEnter={onDragEnter}
      onDragLeave={onDragLeave}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <header className="screen-header">
        <h1 id="screen-title">Vault</h1>
        <ImportButton onFiles={(files) => void importFiles(files)} />
      </header>
      <p className="muted small vault-hint">
        Photos, videos and audio stay on this computer; the studio prepares them and uploads them for your
        posts. Drop files anywhere here to import them.
      </p>

      <VaultToolbar accountId={accountId} />
      <WatchFolderPanel accountId={accountId} />
      <ImportResults />
      {jobFailure !== null && (
        <p className="form-error" role="alert">
          {jobFailure}
        </p>
      )}

      <VaultGrid busyIds={busyIds} onJob={runJob} />
      <EmptyGrid />

      {nextCursor !== null && (
        <div className="vault-more">
          <button
            type="button"
            className="button"
            disabled={loading !== 'idle'}
            onClick={() => void loadPage(client, store, true)}
          >
            {loading === 'more' ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}

      {dragging && (
        <div className="vault-drop" aria-hidden="true">
          <p>Drop files to import them into your vault</p>
        </div>
      )}
      {open && <ItemDetailsDialog key={open.id} accountId={accountId} item={open} />}
    </section>
  );
}
