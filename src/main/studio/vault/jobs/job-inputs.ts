import type { MediaKind, MediaStatus } from '@shared/domain/media/media';

/** The columns of a `vault_items` row the jobs read (the vault's `VaultTable` gives whole rows). */
export interface JobItem {
  readonly id: string;
  readonly kind: MediaKind;
  readonly original_name: string;
  /** Relative to the media folder. */
  readonly original_path: string;
  readonly watermark: 0 | 1;
  readonly server_status: MediaStatus | null;
  readonly deleted_at: string | null;
}

export interface JobItems {
  get(id: string): JobItem | undefined;
  /** Writes what the server said of the item (`VaultTable.setServerStatus`). */
  setServerStatus(id: string, status: MediaStatus | null, failure: string | null, at: string): void;
}

/** Where the vault's files are (`VaultFolders`): relative paths in rows, absolute ones on disk. */
export interface JobFolders {
  /** An absolute path for a stored relative one; throws if it would leave the media folder. */
  resolve(relativePath: string): string;
  /** `renditions/<itemId>/<file>`, as stored in `vault_renditions.path`. */
  renditionPath(itemId: string, file: string): string;
  /** The absolute folder of an item's renditions, created if missing. */
  renditionFolder(itemId: string): string;
}
