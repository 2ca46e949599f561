import { setTimeout as pause } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { preparedStatement, runPrepared } from '../../db/prepared-statements';
import type { Queryable } from '../../db/queryable';
import type { Database } from '../../db/schema';
import type { ChangeFeed, NewChange } from './change-feed';

/** How many outbox rows one flush moves. */
const BATCH = 2_000;
/** Between flushes that follow each other: how much later than its payment a change may reach the studio. */
const FLUSH_PAUSE_MS = 25;

const ENQUEUE = preparedStatement(
  `INSERT INTO feed_outbox (account_id, entity, entity_id, op, data)
   SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::json[])`,
);

/**
 * Changes of kinds only the server writes (payments, tips, later bids and fans' messages) on their way to the
 * owners' feeds. A payment's transaction only inserts its change here; `flush` moves waiting changes into each
 * owner's feed in batches, bumping each owner's counter once per batch. So a payment never locks its creator's
 * feed counter, the row every tip to a popular creator would otherwise queue on, and the studio still sees
 * each change in order, moments later. Flushes run right after a write (coalesced) and on an interval, so a
 * change a crash left waiting goes out once the server is back.
 */
export class FeedOutbox {
  #running: Promise<void> | null = null;
  #again = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly feed: ChangeFeed,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues a change for the owner's feed in the caller's transaction. */
  enqueue(trx: Queryable, ownerId: string, change: NewChange): Promise<void> {
    return this.enqueueMany(trx, [{ ownerId, change }]);
  }

  /** Queues many changes (any owners) in one statement, in the caller's transaction. */
  async enqueueMany(
    trx: Queryable,
    changes: readonly { ownerId: string; change: NewChange }[],
  ): Promise<void> {
    if (changes.length === 0) return;
    await runPrepared(trx, ENQUEUE, [
      changes.map(({ ownerId }) => ownerId),
      changes.map(({ change }) => change.entity),
      changes.map(({ change }) => change.id),
      changes.map(({ change }) => change.op),
      changes.map(({ change }) => (change.data === null ? null : JSON.stringify(change.data))),
    ]);
  }

  /** Asks for a flush soon; many asks while one runs make one more run, not many. */
  flushSoon(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          while ((await this.flush()) === BATCH) {
            /* a full batch: more may wait */
          }
          // Asked again meanwhile: under load, let the next changes gather a moment, so that the feeds are
          // written once per pause rather than once per batch of payments (each flush is a transaction).
          if (this.#again) await pause(FLUSH_PAUSE_MS);
        } while (this.#again);
      } catch (error) {
        this.onError(error);
      } finally {
        this.#running = null;
      }
    })();
  }

  /** Waits for the flush under way, if any (tests, and closing the server). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  start(intervalMs: number): void {
    this.#timer ??= setInterval(() => this.flushSoon(), intervalMs);
    this.#timer.unref();
    this.flushSoon();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.idle();
  }

  /** Moves one batch into the feeds; returns how many changes moved. */
  async flush(): Promise<number> {
    const announced = new Map<string, number>();
    const moved = await this.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        id: string;
        account_id: string;
        entity: string;
        entity_id: string;
        op: 'upsert' | 'delete';
        data: string | null;
      }>`
        DELETE FROM feed_outbox WHERE id IN (
          SELECT id FROM feed_outbox ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
        ) RETURNING id, account_id, entity, entity_id, op, data::text AS data`.execute(trx);
      const byOwner = new Map<string, typeof rows>();
      for (const row of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
        const list = byOwner.get(row.account_id) ?? [];
        list.push(row);
        byOwner.set(row.account_id, list);
      }
      // Owners in one order in every flusher, so two instances flushing at once never deadlock on counters.
      for (const owner of [...byOwner.keys()].sort()) {
        const changes = byOwner.get(owner)!;
        const last = await this.feed.appendBatch(
          trx,
          owner,
          changes.map((c) => ({ entity: c.entity, op: c.op, id: c.entity_id, dataJson: c.data })),
        );
        announced.set(owner, last);
      }
      return rows.length;
    });
    for (const [owner, seq] of announced) this.feed.announce(owner, seq);
    return moved;
  }
}
