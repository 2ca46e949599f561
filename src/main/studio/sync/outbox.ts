import type Database from 'better-sqlite3';
import type { Mutation } from '@shared/domain/sync/protocol';

export interface OutboxEntry {
  readonly seq: number;
  readonly mutation: Mutation;
}

/**
 * The mutations waiting for the server, in the order they were made. Writes join the caller's transaction,
 * so a local change and its mutation are stored together or not at all.
 */
export class Outbox {
  private readonly insert: Database.Statement;
  private readonly selectBatch: Database.Statement;
  private readonly selectBatchExcept: Database.Statement;
  private readonly deleteById: Database.Statement;
  private readonly deleteByPost: Database.Statement;
  private readonly countAll: Database.Statement;
  private readonly countForPost: Database.Statement;
  private readonly selectForPost: Database.Statement;
  private readonly rewriteById: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO outbox (id, post_id, mutation, enqueued_at) VALUES (?, ?, ?, ?)');
    this.selectBatch = db.prepare('SELECT seq, mutation FROM outbox ORDER BY seq LIMIT ?');
    this.selectBatchExcept = db.prepare(`SELECT seq, mutation FROM outbox
      WHERE post_id NOT IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`);
    this.deleteById = db.prepare('DELETE FROM outbox WHERE id = ?');
    this.deleteByPost = db.prepare('DELETE FROM outbox WHERE post_id = ?');
    this.countAll = db.prepare('SELECT count(*) FROM outbox').pluck();
    this.countForPost = db.prepare('SELECT count(*) FROM outbox WHERE post_id = ?').pluck();
    this.selectForPost = db.prepare('SELECT seq, mutation FROM outbox WHERE post_id = ? ORDER BY seq');
    this.rewriteById = db.prepare('UPDATE outbox SET mutation = ? WHERE id = ?');
  }

  /** Adds a mutation at the end; call inside the transaction that writes the change it carries. */
  enqueue(mutation: Mutation): void {
    this.insert.run(mutation.id, mutation.postId, JSON.stringify(mutation), new Date().toISOString());
  }

  /** The oldest `limit` mutations, oldest first, still in the outbox; none of the posts in `except`. */
  peek(limit: number, except?: ReadonlySet<string>): OutboxEntry[] {
    const rows =
      except && except.size > 0
        ? this.selectBatchExcept.all(JSON.stringify([...except]), limit)
        : this.selectBatch.all(limit);
    return (rows as { seq: number; mutation: string }[]).map((row) => ({
      seq: row.seq,
      mutation: JSON.parse(row.mutation) as Mutation,
    }));
  }

  /** The mutations of one post still waiting, oldest first. */
  waitingForPost(postId: string): OutboxEntry[] {
    return (this.selectForPost.all(postId) as { seq: number; mutation: string }[]).map((row) => ({
      seq: row.seq,
      mutation: JSON.parse(row.mutation) as Mutation,
    }));
  }

  /**
   * Replaces a waiting mutation, same id (an update's `baseVersion`, once the server answered the mutation
   * before it with the exact version). The engine never sends an update ahead of an answer it depends on.
   */
  rewrite(mutation: Mutation): void {
    this.rewriteById.run(JSON.stringify(mutation), mutation.id);
  }

  /** The server has this mutation for good (applied now or before): it leaves the outbox. */
  ack(mutationId: string): void {
    this.deleteById.run(mutationId);
  }

  /** The server refused this mutation for good, or a conflict superseded it: it leaves the outbox. */
  reject(mutationId: string): void {
    this.deleteById.run(mutationId);
  }

  /** Drops every waiting mutation of a post (after a rejection, a conflict or its resolution). */
  dropForPost(postId: string): void {
    this.deleteByPost.run(postId);
  }

  pendingCount(): number {
    return Number(this.countAll.get());
  }

  pendingForPost(postId: string): number {
    return Number(this.countForPost.get(postId));
  }

  transaction<T>(run: () => T): T {
    return this.db.transaction(run)();
  }
}
