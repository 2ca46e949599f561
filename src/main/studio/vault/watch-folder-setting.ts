import type Database from 'better-sqlite3';
import { z } from 'zod';

/**
 * The account's watched folder, kept in its database (`sync_meta`, a key–value table, under its own key, so
 * no migration): the folder, whether watching is on, and `since`, the time before which every file there was
 * already looked at (files changed after it are new, also those added while the studio was closed).
 */
export interface WatchFolderSetting {
  readonly path: string | null;
  readonly enabled: boolean;
  /** Epoch milliseconds. */
  readonly since: number;
}

const KEY = 'vault.watch-folder';
const OFF: WatchFolderSetting = { path: null, enabled: false, since: 0 };

const storedSchema = z.object({
  path: z.string().nullable(),
  enabled: z.boolean(),
  since: z.number(),
});

export class WatchFolderSettings {
  private readonly select: Database.Statement<[string], string>;
  private readonly upsert: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT value FROM sync_meta WHERE key = ?').pluck() as Database.Statement<
      [string],
      string
    >;
    this.upsert = db.prepare(
      'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /** The setting, or off when there is none (or it cannot be read: watching is never on by accident). */
  read(): WatchFolderSetting {
    const value = this.select.get(KEY);
    if (value === undefined) return OFF;
    try {
      const parsed = storedSchema.safeParse(JSON.parse(value));
      return parsed.success ? parsed.data : OFF;
    } catch {
      return OFF;
    }
  }

  write(setting: WatchFolderSetting): void {
    this.upsert.run(KEY, JSON.stringify(setting));
  }
}
