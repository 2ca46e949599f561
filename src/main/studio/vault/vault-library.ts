import { renameSync } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type Database from 'better-sqlite3';
import { InvalidStateError, NotFoundError, ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { describeIssues } from '@shared/domain/input-issues';
import type { z } from 'zod';
import {
  probeOrRefuse,
  readFileFacts,
  sniffOrRefuse,
  stageFile,
  storedType,
  type FileFacts,
  type VaultEncoder,
} from './media-intake';
import {
  vaultImportFieldsSchema,
  vaultItemChangeSchema,
  vaultListSchema,
  VAULT_TITLE_MAX,
  type VaultImportFields,
} from './vault-fields';
import type { VaultFolders } from './vault-folders';
import { toItemView, type VaultItemRow, type VaultItemView } from './vault-item';
import { decodeCursor, encodeCursor, ftsBoth, ftsMatchOf, ftsTagPhraseOf } from './vault-search-query';
import type { VaultStatusReads } from './vault-status';
import type { VaultTable } from './vault-table';
import { useCount, type VaultUsage, type VaultUsedIn } from './vault-usage';

/** What importing one file gave: the item, and whether the vault already held these bytes. */
export interface ImportResult {
  readonly item: VaultItemView;
  /** True when an item with the same content existed: nothing was copied, its metadata is unchanged. */
  readonly duplicate: boolean;
}

/** One file of `importFiles`: its result, or why it was refused (the other files go on regardless). */
export type ImportOutcome =
  ({ readonly path: string } & ImportResult) | { readonly path: string; readonly error: string };

export interface ImportOptions {
  /** The name shown and searched (default: the path's file name); never used as a path. */
  readonly name?: string;
  /** The file is the vault's own (a browser-mode upload in `incoming/`): moved in, not copied. */
  readonly move?: boolean;
}

export interface VaultPage {
  readonly items: VaultItemView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  readonly nextCursor: string | null;
}

export interface VaultLibraryDeps {
  readonly db: Database.Database;
  readonly table: VaultTable;
  readonly usage: VaultUsage;
  readonly status: VaultStatusReads;
  readonly folders: VaultFolders;
  /** The encoder, made when the first file is probed (it looks for ffmpeg). */
  readonly encoder: () => VaultEncoder;
  /** An item was imported or brought back: its processing is queued here. */
  readonly onImported: (itemId: string) => void;
  /** An item was deleted: its queued work is dropped here. */
  readonly onDeleted: (itemId: string) => void;
  readonly now?: () => Date;
}

/**
 * The creator's media library in one account: files imported once each (by content), their titles, notes and
 * tags, search, and what uses them. A refused file leaves nothing behind: no row, no copy.
 */
export class VaultLibrary {
  private readonly now: () => Date;

  constructor(private readonly deps: VaultLibraryDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Imports one file: the existing item if the vault holds these bytes already (`duplicate`), otherwise a new
   * item whose original is copied into the vault, after its content was checked to be media ffprobe or sharp
   * can read. Refusals are `ImportRefusedError`s saying why.
   */
  async importFile(
    path: string,
    fields: VaultImportFields = {},
    options: ImportOptions = {},
  ): Promise<ImportResult> {
    const given = parseInput(vaultImportFieldsSchema, fields);
    const name = displayName(options.name ?? basename(path));
    let owned = options.move === true;
    try {
      const facts = await readFileFacts(path, name);
      const existing = this.deps.table.findBySha256(facts.sha256);
      if (existing && existing.deleted_at === null)
        return { item: await this.view(existing), duplicate: true };
      const sniffed = sniffOrRefuse(facts, name);
      const probe = await probeOrRefuse(this.deps.encoder(), path, sniffed, name);
      const type = storedType(sniffed, probe);
      if (existing) {
        const restored = await this.restore(existing, path, facts, name, owned, given);
        owned = false;
        return restored;
      }
      this.deps.folders.ensure();
      const staged = await stageFile(path, this.deps.folders.originals, facts, name, owned);
      owned = false;
      const at = this.now().toISOString();
      const row: VaultItemRow = {
        id: newId(),
        kind: probe.kind,
        sha256: facts.sha256,
        original_name: name,
        original_path: this.deps.folders.originalPath(facts.sha256, type.extension),
        bytes: facts.bytes,
        mime: type.mime,
        title: given.title ?? defaultTitle(name, sniffed.label),
        notes: '',
        duration_ms: probe.durationMs,
        width: probe.width,
        height: probe.height,
        video_codec: probe.videoCodec,
        audio_codec: probe.audioCodec,
        watermark: 0,
        server_status: null,
        server_failure: null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      };
      const final = this.deps.folders.resolve(row.original_path);
      try {
        // The rename happens inside the transaction: a second import of the same bytes racing this one fails on
        // the unique hash before touching the file this one put in place.
        this.deps.db.transaction(() => {
          this.deps.table.insert(row, given.tags ?? []);
          renameSync(staged, final);
        })();
      } catch (error) {
        await rm(staged, { force: true });
        const raced = this.deps.table.findBySha256(facts.sha256);
        if (raced && raced.deleted_at === null) return { item: await this.view(raced), duplicate: true };
        throw error;
      }
      this.deps.onImported(row.id);
      return { item: await this.view(row), duplicate: false };
    } finally {
      // A file handed over to the vault (a browser-mode upload) is the vault's to clean up if it was not kept.
      if (owned) await rm(path, { force: true });
    }
  }

  /** Imports files one after another; one refused file does not stop the others. */
  async importFiles(paths: readonly string[], fields: VaultImportFields = {}): Promise<ImportOutcome[]> {
    const outcomes: ImportOutcome[] = [];
    for (const path of paths) {
      try {
        outcomes.push({ path, ...(await this.importFile(path, fields)) });
      } catch (error) {
        outcomes.push({ path, error: messageOf(error) });
      }
    }
    return outcomes;
  }

  /** One item not deleted, or NotFoundError. */
  async get(id: string): Promise<VaultItemView> {
    return this.view(this.row(id));
  }

  /**
   * Where a video's original is on this computer, for a live stream that plays it: NotFoundError for an unknown
   * or deleted item, ValidationError for a photo or audio (a stream needs a picture).
   */
  videoForStreaming(id: string): { path: string; hasAudio: boolean } {
    const row = this.row(id);
    if (row.kind !== 'video')
      throw new ValidationError('Only a video can be streamed: choose a video', 'itemId');
    return { path: this.deps.folders.resolve(row.original_path), hasAudio: row.audio_codec !== null };
  }

  /** A page of items, newest first, matching the words and filters given. */
  async list(input: z.input<typeof vaultListSchema> = {}): Promise<VaultPage> {
    const filter = parseInput(vaultListSchema, input);
    const match = ftsBoth(
      filter.query === undefined ? null : ftsMatchOf(filter.query),
      filter.tag === undefined ? null : ftsTagPhraseOf(filter.tag),
    );
    const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor);
    // A cursor of a search page names a place in the index's order, which a list by time does not have.
    if (after && (after.by === 'search') !== (match !== null)) {
      throw new ValidationError('cursor is from another search: start from the first page', 'cursor');
    }
    const rows = this.deps.table.search({
      match,
      kind: filter.kind ?? null,
      tag: filter.tag ?? null,
      usedIn: filter.usedIn ?? null,
      after,
      limit: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    let nextCursor: string | null = null;
    if (rows.length > filter.limit && last) {
      nextCursor = encodeCursor(
        last.search_seq === null
          ? { by: 'time', createdAt: last.created_at, id: last.id }
          : { by: 'search', seq: last.search_seq },
      );
    }
    return { items: await this.views(page), nextCursor };
  }

  /** Every tag on an item not deleted, with how many items carry it (the tag filter's choices). */
  tags(): { tag: string; count: number }[] {
    return this.deps.table.tagCounts();
  }

  /** Changes the title, notes or tags (absent ones stay as they are). */
  async update(id: string, input: unknown): Promise<VaultItemView> {
    const change = parseInput(vaultItemChangeSchema, input);
    const row = this.row(id);
    this.deps.db.transaction(() => {
      this.deps.table.setMetadata(
        id,
        {
          title: change.title ?? row.title,
          notes: change.notes ?? row.notes,
          tags: change.tags ?? this.deps.table.tagsOf(id),
        },
        this.now().toISOString(),
      );
    })();
    return this.get(id);
  }

  /** Where the item is used (posts now; later messages and Surprises). */
  usedIn(id: string): VaultUsedIn {
    this.row(id);
    return this.deps.usage.usedIn(id);
  }

  /**
   * Deletes the item from the library (its files stay until it is purged: importing the same bytes brings it
   * back). Refused while anything uses it, naming what.
   */
  delete(id: string): void {
    this.deps.db.transaction(() => {
      this.row(id);
      const usedIn = this.deps.usage.usedIn(id);
      if (useCount(usedIn) > 0) {
        const titles = usedIn.posts.map((post) => `“${post.title || 'Untitled'}”`).join(', ');
        throw new InvalidStateError(
          `This item is used in ${usedIn.posts.length === 1 ? 'a post' : `${usedIn.posts.length} posts`} (${titles}); remove it from ${usedIn.posts.length === 1 ? 'that post' : 'them'} first`,
        );
      }
      const at = this.now().toISOString();
      this.deps.table.setDeletedAt(id, at, at);
    })();
    this.deps.onDeleted(id);
  }

  /** A deleted item whose bytes were imported again: back in the library, its original put back if it went. */
  private async restore(
    row: VaultItemRow,
    path: string,
    facts: FileFacts,
    name: string,
    move: boolean,
    given: { title?: string; tags?: string[] },
  ): Promise<ImportResult> {
    const final = this.deps.folders.resolve(row.original_path);
    const present = await access(final).then(
      () => true,
      () => false,
    );
    if (!present) {
      this.deps.folders.ensure();
      const staged = await stageFile(path, this.deps.folders.originals, facts, name, move);
      await rename(staged, final);
    } else if (move) {
      await rm(path, { force: true });
    }
    const at = this.now().toISOString();
    this.deps.db.transaction(() => {
      this.deps.table.setDeletedAt(row.id, null, at);
      if (given.title !== undefined || given.tags !== undefined) {
        this.deps.table.setMetadata(
          row.id,
          {
            title: given.title ?? row.title,
            notes: row.notes,
            tags: given.tags ?? this.deps.table.tagsOf(row.id),
          },
          at,
        );
      }
    })();
    this.deps.onImported(row.id);
    return { item: await this.get(row.id), duplicate: false };
  }

  private row(id: string): VaultItemRow {
    const row = this.deps.table.get(id);
    if (!row || row.deleted_at !== null) throw new NotFoundError(`Vault item ${id} was not found`);
    return row;
  }

  private async view(row: VaultItemRow): Promise<VaultItemView> {
    const [view] = await this.views([row]);
    return view!;
  }

  private async views(rows: readonly VaultItemRow[]): Promise<VaultItemView[]> {
    const ids = rows.map((row) => row.id);
    const tags = this.deps.table.tagsOfMany(ids);
    const jobs = this.deps.status.latestJobs(ids);
    const thumbs = await this.deps.status.thumbUrls(ids);
    return rows.map((row) =>
      toItemView(row, {
        tags: tags.get(row.id) ?? [],
        job: jobs.get(row.id) ?? null,
        thumbUrl: thumbs.get(row.id) ?? null,
      }),
    );
  }
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(describeIssues(parsed.error.issues));
  return parsed.data;
}

/** A file name fit to show and search: no folders, at most 255 characters. */
function displayName(name: string): string {
  const base = basename(name.replaceAll('\\', '/')).normalize('NFC').trim();
  return (base === '' ? 'file' : base).slice(0, 255);
}

/** The file's name without its extension, or what it is when that leaves nothing (`.mp4`). */
function defaultTitle(name: string, label: string): string {
  const title = name.slice(0, name.length - extname(name).length).trim();
  return (title === '' ? label : title).slice(0, VAULT_TITLE_MAX);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
