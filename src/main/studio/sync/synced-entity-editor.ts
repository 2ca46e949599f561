import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { describeIssues } from '@shared/domain/input-issues';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import { NoConflictError } from './no-conflict-error';
import { FIRST_SERVER_VERSION, type Outbox } from './outbox';
import type { SyncColumns, SyncedEntityTable } from './synced-entity-table';

/** The changes of a kind edited as whole drafts: created, then updated over a base version. */
export type DraftChange<Draft> =
  | { readonly type: 'create'; readonly draft: Draft }
  | { readonly type: 'update'; readonly baseVersion: number; readonly draft: Draft };

/** How an editor names its entities to the creator. */
export interface EntityWords<Row> {
  /** 'Tier <id> was not found'. */
  readonly notFound: (id: string) => string;
  /** 'A tier with this id already exists'. */
  readonly idTaken: string;
  /** The entity as a `NoConflictError` names it: 'Tier Gold'. */
  readonly named: (row: Row) => string;
}

/** What the shared part of an editor works with: the kind's entity, its table, and how it shows a row. */
export interface SyncedEntitiesParts<
  Row extends SyncColumns & { id: string },
  Snapshot extends { readonly version: number },
  Local,
> {
  readonly entity: string;
  readonly table: SyncedEntityTable<Row, Snapshot>;
  readonly toLocal: (row: Row) => Local;
  readonly words: EntityWords<Row>;
}

/** The draft, refused here as the server would refuse it, so an offline change never waits in vain. */
export function parseDraft<Draft>(schema: z.ZodType<Draft>, input: unknown): Draft {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(describeIssues(parsed.error.issues));
  return parsed.data;
}

/**
 * What every editor of a kind with many entities (tiers, promo codes, planned streams) does the same way, over
 * its synced table: each change writes the entity's row and queues its mutation in one transaction, at the
 * version the server will have once it applies. The feature's editor keeps its own rules and words.
 */
export class SyncedEntities<
  Row extends SyncColumns & { id: string },
  Snapshot extends { readonly version: number },
  Draft,
  Local,
  OtherChange extends { readonly type: string } = never,
> {
  constructor(
    private readonly db: Database.Database,
    private readonly outbox: Outbox,
    private readonly parts: SyncedEntitiesParts<Row, Snapshot, Local>,
  ) {}

  /** Runs `work` in one transaction of the account's database. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** The entities with these ids, and the ids that are gone (one the server never had, removed). */
  byIds(ids: readonly string[]): { found: Local[]; gone: string[] } {
    const found: Local[] = [];
    const gone: string[] = [];
    for (const id of new Set(ids)) {
      const row = this.parts.table.find(id);
      if (row) found.push(this.parts.toLocal(row));
      else gone.push(id);
    }
    return { found, gone };
  }

  /** The entity's row, or a `NotFoundError`. */
  row(id: string): Row {
    const row = this.parts.table.find(id);
    if (!row) throw new NotFoundError(this.parts.words.notFound(id));
    return row;
  }

  /**
   * Writes a new entity and queues its creation, under an id no entity has yet; `refuse` then checks what else
   * the feature's rules need of the database (a promo code's text taken already).
   */
  create(row: Row, draft: Draft, refuse?: () => void): Local {
    return this.transaction(() => {
      if (this.parts.table.find(row.id)) throw new ConflictError(this.parts.words.idTaken);
      refuse?.();
      return this.write(row, { type: 'create', draft });
    });
  }

  /**
   * Saves the creator's new fields (`row`, over `before`). In a conflict it only edits the creator's side until
   * they choose; an entity the server refused to create is created again. Call inside a transaction.
   */
  saveDraft(before: Row, row: Row, draft: Draft): Local {
    if (before.sync_state === 'conflict') {
      this.parts.table.save(row);
      return this.parts.toLocal(row);
    }
    return this.write(
      row,
      this.serverLacks(before)
        ? { type: 'create', draft }
        : { type: 'update', baseVersion: before.version, draft },
    );
  }

  /**
   * Settles a conflict: 'server' takes the server's entity; 'mine' sends the creator's fields over it, unless
   * `refuseMine` says why the server's entity can no longer take them.
   */
  resolveConflict(
    id: string,
    keep: ConflictChoice,
    {
      draftOf,
      refuseMine,
    }: { draftOf: (row: Row) => Draft; refuseMine?: (server: Snapshot) => string | null },
  ): Local {
    return this.transaction(() => {
      const row = this.row(id);
      const server = row.sync_state === 'conflict' ? this.parts.table.serverCopy(row) : null;
      if (!server) throw new NoConflictError(this.parts.words.named(row));
      this.outbox.dropFor(this.parts.entity, id);
      const refusal = keep === 'mine' ? (refuseMine?.(server) ?? null) : null;
      if (refusal !== null) throw new InvalidStateError(refusal);
      if (keep === 'server') {
        const synced = this.parts.table.syncedRow(server);
        this.parts.table.save(synced);
        return this.parts.toLocal(synced);
      }
      const mine = { ...row, version: server.version, confirmed_version: server.version, server_copy: null };
      return this.write(mine, { type: 'update', baseVersion: server.version, draft: draftOf(row) });
    });
  }

  /** Whether the server has not got the entity and nothing queued will give it (its create was refused). */
  serverLacks(row: Row): boolean {
    return row.confirmed_version === null && this.outbox.pendingFor(this.parts.entity, row.id) === 0;
  }

  /** Stores the row as pending with its change queued, at the version the server will have once it applies. */
  write(row: Row, change: DraftChange<Draft> | OtherChange): Local {
    const written: Row = {
      ...row,
      version: change.type === 'create' ? FIRST_SERVER_VERSION : row.version + 1,
      sync_state: 'pending',
      sync_error: null,
    };
    this.parts.table.save(written);
    this.outbox.enqueue({ id: newId(), entity: this.parts.entity, entityId: row.id, change });
    return this.parts.toLocal(written);
  }
}
