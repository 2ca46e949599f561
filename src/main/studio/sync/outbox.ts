import type Database from 'better-sqlite3';
import type { Mutation } from '@shared/domain/sync/protocol';

/** The version the server gives an entity when its first mutation (its create) applies. */
export const FIRST_SERVER_VERSION = 1;

export interface OutboxEntry {
  readonly seq: number;
  readonly mutation: Mutation;
}

/** One entity's key in the outbox: `post:<uuid>`. */
export const entityKey = (entity: string, entityId: string): string => `${entity}:${entityId}`;

/**
 * The mutations waiting for the server, of any kind, in the order they were made. Writes join the caller's
 * transaction, so a local change and its mutation are stored together or not at all.
 */
export class Outbox {
  private readonly insert: Database.Statement;
  private readonly selectBatch: Database.Statement;
  private readonly selectBatchExcept: Database.Statement;
  private readonly deleteById: Database.Statement;
  private readonly deleteByEntity: Database.Statement;
  private readonly countAll: Database.Statement;
  private readonly countForEntity: Database.Statement;
  private readonly selectForEntity: Database.Statement;
  private readonly rewriteById: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO outbox (id, entity, entity_id, mutation, enqueued_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectBatch = db.prepare('SELECT seq, mutation FROM outbox ORDER BY seq LIMIT ?');
    this.selectBatchExcept = db.prepare(`SELECT seq, mutation FROM outbox
      WHERE entity || ':' || entity_id NOT IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`);
    this.deleteById = db.prepare('DELETE FROM outbox WHERE id = ?');
    this.deleteByEntity = db.prepare('DELETE FROM outbox WHERE entity = ? AND entity_id = ?');
    this.countAll = db.prepare('SELECT count(*) FROM outbox').pluck();
    this.countForEntity = db
      .prepare('SELECT count(*) FROM outbox WHERE entity = ? AND entity_id = ?')
      .pluck();
    this.selectForEntity = db.prepare(
      'SELECT seq, mutation FROM outbox WHERE entity = ? AND entity_id = ? ORDER BY seq',
    );
    this.rewriteById = db.prepare('UPDATE outbox SET mutation = ? WHERE id = ?');
  }

  /** Adds a mutation at the end; call inside the transaction that writes the change it carries. */
  enqueue(mutation: Mutation): void {
    this.insert.run(
      mutation.id,
      mutation.entity,
      mutation.entityId,
      JSON.stringify(mutation),
      new Date().toISOString(),
    );
  }

  /** The oldest `limit` mutations, oldest first, still in the outbox; none of the entities in `except`. */
  peek(limit: number, except?: ReadonlySet<string>): OutboxEntry[] {
    const rows =
      except && except.size > 0
        ? this.selectBatchExcept.all(JSON.stringify([...except]), limit)
        : this.selectBatch.all(limit);
    return (rows as { seq: number; mutation: string }[]).map(toEntry);
  }

  /** The mutations of one entity still waiting, oldest first. */
  waitingFor(entity: string, entityId: string): OutboxEntry[] {
    return (this.selectForEntity.all(entity, entityId) as { seq: number; mutation: string }[]).map(toEntry);
  }

  /**
   * Replaces a waiting mutation, same id (an update's base version, once the server answered the mutation
   * before it with the exact version). The engine never sends a mutation ahead of an answer it depends on.
   */
  rewrite(mutation: Mutation): void {
    this.rewriteById.run(JSON.stringify(mutation), mutation.id);
  }

  /**
   * Bases an entity's waiting mutations on `confirmed`, the version the server answered: the first waiting
   * update gets it exactly as its `baseVersion`, later ones a prediction (+1 per mutation before them) that is
   * corrected in turn as each answer arrives; a waiting create starts the count again at the server's first
   * version. `stepOf` says what each of the kind's changes is. Returns the version the entity will have once
   * all of them apply, as predicted now.
   */
  rebaseWaiting<C>(
    entity: string,
    entityId: string,
    confirmed: number,
    stepOf: (change: C) => 'create' | 'update' | 'other',
  ): number {
    let version = confirmed;
    for (const { mutation } of this.waitingFor(entity, entityId)) {
      const step = stepOf(mutation.change as C);
      if (step === 'create') {
        version = FIRST_SERVER_VERSION;
        continue;
      }
      const change = mutation.change as { baseVersion?: number };
      if (step === 'update' && change.baseVersion !== version) {
        this.rewrite({ ...mutation, change: { ...change, baseVersion: version } });
      }
      version += 1;
    }
    return version;
  }

  /** The server has this mutation for good (applied now or before): it leaves the outbox. */
  ack(mutationId: string): void {
    this.deleteById.run(mutationId);
  }

  /** The server refused this mutation for good, or a conflict superseded it: it leaves the outbox. */
  reject(mutationId: string): void {
    this.deleteById.run(mutationId);
  }

  /** Drops every waiting mutation of an entity (after a rejection, a conflict or its resolution). */
  dropFor(entity: string, entityId: string): void {
    this.deleteByEntity.run(entity, entityId);
  }

  pendingCount(): number {
    return Number(this.countAll.get());
  }

  pendingFor(entity: string, entityId: string): number {
    return Number(this.countForEntity.get(entity, entityId));
  }
}

function toEntry(row: { seq: number; mutation: string }): OutboxEntry {
  return { seq: row.seq, mutation: JSON.parse(row.mutation) as Mutation };
}
