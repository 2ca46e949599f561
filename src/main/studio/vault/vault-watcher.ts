import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { ValidationError } from '@shared/domain/errors';
import type { ImportOutcome, ImportResult } from './vault-library';
import type { WatchFolderSetting, WatchFolderSettings } from './watch-folder-setting';

/** What the watched folder's panel shows. */
export interface WatchFolderState {
  readonly path: string | null;
  readonly enabled: boolean;
  /** The folder is being watched right now (enabled, and it could be read at the last look). */
  readonly watching: boolean;
  /** Why the last look or the last import failed, in words; null when all went well. */
  readonly lastError: string | null;
}

/**
 * Extensions worth a look: anything else in the folder (documents, the camera app's sidecar files, partial
 * downloads) is left alone quietly. Whatever is looked at is still checked by its content on import.
 */
const MEDIA_EXTENSIONS = new Set(
  (
    'jpg jpeg jpe png gif webp heic heif avif tif tiff ' +
    'mp4 m4v mov qt mkv webm avi wmv flv mpg mpeg 3gp 3g2 ogv mts m2ts ' +
    'mp3 m4a aac wav flac ogg oga opus'
  ).split(' '),
);
/** Deeper than this is not a drop folder any more. */
const MAX_DEPTH = 6;
/**
 * `since` is kept this far behind the last look: a file written in the same instant as the look is looked at
 * again after a restart rather than missed (a second import of the same bytes is only a duplicate).
 */
const SINCE_MARGIN_MS = 2000;

interface Seen {
  size: number;
  mtimeMs: number;
  changedAt: number;
  /** When this size and time were first seen: a file is imported once they held for `settleMs`. */
  steadySince: number;
}

export interface VaultWatcherDeps {
  readonly settings: WatchFolderSettings;
  readonly importFile: (path: string) => Promise<ImportResult>;
  /** Each file the watcher imported or tried to. */
  readonly onOutcome: (outcome: ImportOutcome) => void;
  /** The account's media folder: never watched (the vault would import its own files). */
  readonly mediaFolder: string;
  /** How often the folder is looked at even without a file-system event (events are not reliable everywhere). */
  readonly pollMs?: number;
  /** How long a file's size and time must hold before it counts as complete. */
  readonly settleMs?: number;
  readonly now?: () => number;
}

/**
 * The watched folder (off by default): new media files dropped in it, or in folders inside it, are imported
 * once they stop growing. Runs on `fs.watch` (recursive where the platform has it) for promptness and on a
 * regular look for certainty; each file version is tried once, and a refused one is reported, not retried.
 */
export class VaultWatcher {
  private readonly pollMs: number;
  private readonly settleMs: number;
  private readonly now: () => number;
  private setting: WatchFolderSetting;
  private readonly seen = new Map<string, Seen>();
  /** `path|size|mtime` of every file version already imported or refused. */
  private readonly done = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private fsWatcher: FSWatcher | null = null;
  private scanning: Promise<void> | null = null;
  private again = false;
  private readable = false;
  private lastError: string | null = null;
  private closed = false;

  constructor(private readonly deps: VaultWatcherDeps) {
    this.pollMs = deps.pollMs ?? 3000;
    this.settleMs = deps.settleMs ?? 2000;
    this.now = deps.now ?? Date.now;
    this.setting = deps.settings.read();
  }

  state(): WatchFolderState {
    return {
      path: this.setting.path,
      enabled: this.setting.enabled,
      watching: this.setting.enabled && this.timer !== null && this.readable,
      lastError: this.lastError,
    };
  }

  /** Starts watching if the setting says so (the account just opened). */
  start(): void {
    if (this.setting.enabled && this.setting.path !== null) this.begin(this.setting.path);
  }

  /**
   * Sets the folder and turns watching on or off. Turning it on (or changing the folder) counts the files
   * already there as seen: only files added from now on are imported. The folder must exist to be watched.
   */
  async set(change: { path: string | null; enabled: boolean }): Promise<WatchFolderState> {
    if (change.path !== null) await this.checkFolder(change.path);
    const path = change.path === null ? null : resolve(change.path);
    if (change.enabled && path === null) throw new ValidationError('Choose a folder to watch first', 'path');
    const startsAfresh = change.enabled && (!this.setting.enabled || path !== this.setting.path);
    this.stop();
    this.seen.clear();
    this.lastError = null;
    if (startsAfresh && path !== null) await this.countAsSeen(path);
    this.setting = {
      path,
      enabled: change.enabled,
      // The file system's clock runs a few milliseconds behind ours: the files there now are counted by name
      // (above), and `since` stays behind so that a file dropped right after is not taken for an old one.
      since: startsAfresh ? this.now() - SINCE_MARGIN_MS : this.setting.since,
    };
    this.deps.settings.write(this.setting);
    if (this.setting.enabled && path !== null) this.begin(path);
    return this.state();
  }

  /** Looks at the folder now and imports what is ready; resolves when done (a look already running included). */
  async scanNow(): Promise<void> {
    if (this.scanning) {
      this.again = true;
      return this.scanning;
    }
    this.scanning = this.scan().finally(() => {
      this.scanning = null;
    });
    await this.scanning;
    if (this.again && !this.closed && this.timer) {
      this.again = false;
      await this.scanNow();
    }
  }

  /** Stops watching; resolves once an import under way has ended. */
  async close(): Promise<void> {
    this.closed = true;
    this.stop();
    await this.scanning?.catch(() => undefined);
  }

  private begin(path: string): void {
    if (this.closed) return;
    this.readable = true;
    this.timer = setInterval(() => void this.scanNow(), this.pollMs);
    this.timer.unref();
    try {
      this.fsWatcher = watchFolder(path, () => this.scanSoon());
    } catch {
      this.fsWatcher = null; // the regular look alone still finds every file
    }
    this.scanSoon();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.fsWatcher?.close();
    this.timer = null;
    this.soon = null;
    this.fsWatcher = null;
  }

  // File-system events come in bursts while a file is written: one look shortly after the burst is enough.
  private scanSoon(): void {
    if (this.soon || this.closed) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.scanNow();
    }, 200);
    this.soon.unref();
  }

  private async scan(): Promise<void> {
    const { path: folder, enabled } = this.setting;
    if (!enabled || folder === null || this.closed) return;
    const startedAt = this.now();
    let files: string[];
    try {
      files = await listMediaFiles(folder);
      this.readable = true;
    } catch (error) {
      this.readable = false;
      this.lastError = `The watched folder ${folder} cannot be read (${codeOf(error)}); it is looked at again every few seconds`;
      return;
    }
    const ready: string[] = [];
    let oldestPending = startedAt;
    const present = new Set(files);
    for (const path of this.seen.keys()) if (!present.has(path)) this.seen.delete(path);
    for (const path of files) {
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      const changedAt = Math.max(info.mtimeMs, info.ctimeMs);
      const version = versionOf(path, info);
      if (this.done.has(version) || changedAt <= this.setting.since) continue;
      const before = this.seen.get(path);
      if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
        this.seen.set(path, { size: info.size, mtimeMs: info.mtimeMs, changedAt, steadySince: startedAt });
        oldestPending = Math.min(oldestPending, changedAt);
      } else if (startedAt - before.steadySince >= this.settleMs && info.size > 0) {
        ready.push(path);
        this.done.add(version);
        this.seen.delete(path);
      } else {
        oldestPending = Math.min(oldestPending, changedAt);
      }
    }
    for (const path of ready) {
      if (this.closed) return;
      await this.importOne(path);
    }
    const since = Math.max(this.setting.since, oldestPending - SINCE_MARGIN_MS);
    if (since !== this.setting.since && !this.closed) {
      this.setting = { ...this.setting, since };
      this.deps.settings.write(this.setting);
    }
  }

  private async importOne(path: string): Promise<void> {
    try {
      const result = await this.deps.importFile(path);
      this.lastError = null;
      this.deps.onOutcome({ path, ...result });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastError = message;
      this.deps.onOutcome({ path, error: message });
    }
  }

  /** The files in the folder now count as seen: only a file added or changed from now on is imported. */
  private async countAsSeen(folder: string): Promise<void> {
    for (const path of await listMediaFiles(folder).catch(() => [])) {
      const info = await stat(path).catch(() => null);
      if (info) this.done.add(versionOf(path, info));
    }
  }

  private async checkFolder(path: string): Promise<void> {
    if (!isAbsolute(path)) throw new ValidationError('The watched folder must be a full path', 'path');
    const inside = relative(this.deps.mediaFolder, path);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
      throw new ValidationError('The vault’s own folder cannot be watched', 'path');
    }
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) throw new ValidationError(`${path} is not a folder on this computer`, 'path');
  }
}

/** `fs.watch` on the whole tree where the platform can (macOS, Windows, recent Linux), else on the folder. */
function watchFolder(path: string, onEvent: () => void): FSWatcher {
  let watcher: FSWatcher;
  try {
    watcher = watch(path, { recursive: true, persistent: false }, onEvent);
  } catch {
    watcher = watch(path, { persistent: false }, onEvent);
  }
  // A watcher that fails (the folder went away) is dropped; the regular look reports it.
  watcher.on('error', () => watcher.close());
  return watcher;
}

/** Media files in the folder and its folders (not hidden ones, not through links), by extension. */
async function listMediaFiles(folder: string, depth = 0): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory() && depth < MAX_DEPTH) {
      files.push(...(await listMediaFiles(path, depth + 1).catch(() => [])));
    } else if (entry.isFile() && MEDIA_EXTENSIONS.has(extname(entry.name).slice(1).toLowerCase())) {
      files.push(path);
    }
  }
  return files;
}

/** A file as it is now: the same path with other contents or times is another version, looked at again. */
function versionOf(path: string, info: { size: number; mtimeMs: number }): string {
  return `${path}|${info.size}|${info.mtimeMs}`;
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
