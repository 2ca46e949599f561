import { useAppDispatch, useAppSelector } from '../store/hooks';
import { JobProgress } from './JobProgress';
import { MediaThumb } from './MediaThumb';
import type { VaultItem } from './vault-item';
import { itemOpened, selectVaultItems } from './vault-slice';
import { mediaFacts, serverStatusText } from './vault-words';

export type JobAction = 'cancel' | 'retry';

function ServerLine({ item }: { item: VaultItem }) {
  // Nothing to say until an upload starts: the job line says what happens before.
  if (item.serverStatus === null) return null;
  return (
    <p className={`vault-tile__server vault-tile__server--${item.serverStatus}`} dir="auto">
      {serverStatusText(item.serverStatus, item.serverFailure)}
    </p>
  );
}

function VaultTile({
  item,
  online,
  busy,
  onJob,
}: {
  item: VaultItem;
  online: boolean;
  busy: boolean;
  onJob: (item: VaultItem, action: JobAction) => void;
}) {
  const dispatch = useAppDispatch();
  const factsId = `vault-facts-${item.id}`;
  return (
    <li className="vault-tile">
      <MediaThumb media={item} />
      {/* Named by the title alone; its ::after covers the tile, so all of it opens the details. */}
      <button
        type="button"
        className="vault-tile__open"
        aria-describedby={factsId}
        onClick={() => dispatch(itemOpened(item.id))}
        dir="auto"
      >
        {item.title}
      </button>
      <p className="vault-tile__facts" id={factsId}>
        {mediaFacts(item)}
      </p>
      <JobProgress
        item={item}
        online={online}
        busy={busy}
        onCancel={() => onJob(item, 'cancel')}
        onRetry={() => onJob(item, 'retry')}
      />
      <ServerLine item={item} />
    </li>
  );
}

/** The vault's items as tiles, as many columns as fit; each opens its details. */
export function VaultGrid({
  busyIds,
  onJob,
}: {
  busyIds: ReadonlySet<string>;
  onJob: (item: VaultItem, action: JobAction) => void;
}) {
  const items = useAppSelector((state) => selectVaultItems(state.vault));
  const connection = useAppSelector((state) => state.studio.state?.sync.state ?? null);
  const online = connection === 'online' || connection === 'syncing';
  return (
    <ul className="vault-grid" aria-label="Vault items">
      {items.map((item) => (
        <VaultTile key={item.id} item={item} online={online} busy={busyIds.has(item.id)} onJob={onJob} />
      ))}
    </ul>
  );
}
