import { mkdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Where an account's vault keeps its files, under the account's own folder (`accounts/<accountId>/`, beside its
 * SQLite file):
 *
 * ```
 * media/originals/<sha256>.<ext>          the imported file, named by its content (one per distinct file)
 * media/renditions/<itemId>/<name>.<ext>  what processing made of it (web, thumb, contact, preview, poster)
 * media/incoming/                         files being received (browser-mode uploads, copies in progress)
 * ```
 *
 * The database stores paths relative to `media/` (`originals/…`, `renditions/…`), so the account's folder can
 * move without rewriting rows. Every path read back from the database goes through `resolve`, which refuses
 * one that would leave the media folder.
 */
export class VaultFolders {
  /** `accounts/<accountId>/media`. */
  readonly root: string;
  readonly originals: string;
  readonly renditions: string;
  readonly incoming: string;

  constructor(accountFolder: string) {
    this.root = resolve(accountFolder, 'media');
    this.originals = join(this.root, 'originals');
    this.renditions = join(this.root, 'renditions');
    this.incoming = join(this.root, 'incoming');
  }

  /** The relative path (as stored in `vault_items.original_path`) of an original with this hash and extension. */
  originalPath(sha256: string, extension: string): string {
    return `originals/${sha256}.${extension}`;
  }

  /** The relative path (as stored in `vault_renditions.path`) of one of an item's renditions. */
  renditionPath(itemId: string, file: string): string {
    return `renditions/${itemId}/${file}`;
  }

  /** The folder holding an item's renditions (created if missing). */
  renditionFolder(itemId: string): string {
    const folder = this.resolve(`renditions/${itemId}`);
    mkdirSync(folder, { recursive: true });
    return folder;
  }

  /** An absolute path for a stored relative one; throws if it would point outside the media folder. */
  resolve(relativePath: string): string {
    const absolute = resolve(this.root, relativePath);
    const inside = relative(this.root, absolute);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
      throw new Error(`Vault path ${JSON.stringify(relativePath)} is outside the media folder`);
    }
    return absolute;
  }

  /** Creates `originals/`, `renditions/` and `incoming/` if they are missing. */
  ensure(): void {
    for (const folder of [this.originals, this.renditions, this.incoming])
      mkdirSync(folder, { recursive: true });
  }
}
