import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { newId } from '@shared/domain/ids';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import { NoConflictError } from './no-conflict-error';
import type { Outbox } from './outbox';
import { parseDraft } from './synced-entity-editor';
import type { SyncColumns, SyncedEntityTable } from './synced-entity-table';

/** What the editor of a kind the account holds one of (its profile, its tip or chat settings) is made of. */
export interface OneRowEditorParts<
  Row extends SyncColumns & { updated_at: string | null },
  Snapshot extends { readonly version: number },
  Draft,
  Local,
> {
  readonly entity: string;
  /** The account's id: the row's key and the entity's id on the server. */
  readonly accountId: string;
  readonly table: SyncedEntityTable<Row, Snapshot>;
  /** The draft as the server takes it: an edit it would refuse is refused here, so it never waits in vain. */
  readonly draftSchema: z.ZodType<Draft>;
  /** The row's fields for a draft, written over `before`. */
  readonly fieldsOf: (draft: Draft, before: Row) => Partial<Row>;
  /** The creator's side of a row, as a draft to send. */
  readonly draftOf: (row: Row) => Draft;
  /** The mutation's change: the whole draft over the version it was based on. */
  readonly changeOf: (baseVersion: number, draft: Draft) => unknown;
  /** What the account has before any edit or pull: the defaults every creator starts with. */
  readonly defaults: () => Snapshot;
  readonly toLocal: (row: Row) => Local;
  /** The record as a `NoConflictError` names it: 'The tip settings'. */
  readonly named: string;
}

/**
 * The editor of a one-row kind, edited offline or online: each save writes the row and queues the whole draft
 * over the version it was based on, in one transaction. The feature's editor gives it its fields and words.
 */
export class OneRowEditor<
  Row extends SyncColumns & { updated_at: string | null },
  Snapshot extends { readonly version: number },
  Draft,
  Local,
> {
  constructor(
    private readonly db: Database.Database,
    private readonly outbox: Outbox,
    private readonly parts: OneRowEditorParts<Row, Snapshot, Draft, Local>,
    private readonly now: () => Date,
  ) {}

  /** The record as the studio has it; before any edit or pull, the defaults. */
  get(): Local {
    return this.parts.toLocal(this.row());
  }

  /** Saves a new draft; in a conflict it only edits the creator's side until they choose. */
  update(input: unknown): Local {
    const draft = parseDraft(this.parts.draftSchema, input);
    return this.db.transaction(() => {
      const before = this.row();
      const row: Row = {
        ...before,
        ...this.parts.fieldsOf(draft, before),
        updated_at: this.now().toISOString(),
      };
      if (row.sync_state === 'conflict') {
        this.parts.table.save(row);
        return this.parts.toLocal(row);
      }
      return this.write(row, row.version, draft);
    })();
  }

  /** Settles a conflict: 'server' takes the server's record, 'mine' sends the creator's over it. */
  resolveConflict(keep: ConflictChoice): Local {
    return this.db.transaction(() => {
      const row = this.row();
      const server = row.sync_state === 'conflict' ? this.parts.table.serverCopy(row) : null;
      if (!server) throw new NoConflictError(this.parts.named);
      this.outbox.dropFor(this.parts.entity, this.parts.accountId);
      if (keep === 'server') {
        const synced = this.parts.table.syncedRow(server);
        this.parts.table.save(synced);
        return this.parts.toLocal(synced);
      }
      const mine = this.parts.draftOf(row);
      return this.write(
        { ...row, confirmed_version: server.version, server_copy: null },
        server.version,
        mine,
      );
    })();
  }

  /** Stores the row as pending, one version past `base`, with its update queued. */
  private write(row: Row, base: number, draft: Draft): Local {
    const written: Row = { ...row, version: base + 1, sync_state: 'pending', sync_error: null };
    this.parts.table.save(written);
    const change = this.parts.changeOf(base, draft);
    this.outbox.enqueue({ id: newId(), entity: this.parts.entity, entityId: this.parts.accountId, change });
    return this.parts.toLocal(written);
  }

  private row(): Row {
    return this.parts.table.find(this.parts.accountId) ?? this.parts.table.syncedRow(this.parts.defaults());
  }
}
