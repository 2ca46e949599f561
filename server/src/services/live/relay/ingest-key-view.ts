import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import type { Database } from '../../../db/schema';

/** Why a publisher was refused, in words for the log (never the key). */
export type PublishRefusal =
  | 'unknown stream'
  | 'no key given'
  | 'wrong key'
  | 'expired key'
  | 'revoked key'
  | 'stream ended (a reused key)'
  | 'stream cancelled (a reused key)'
  | 'no key issued'
  | 'key not loaded yet (loaded now: the next attempt is let in)';

export type KeyCheck =
  | { readonly ok: true }
  /** `known` false: the stream is not in the view; `IngestKeyView.explain` asks the database why. */
  | { readonly ok: false; readonly reason: PublishRefusal; readonly known: boolean };

interface IssuedKey {
  readonly sha256: Buffer;
  readonly expiresAtMs: number;
}

/** A presented key longer than this is refused without hashing. */
const MAX_KEY_LENGTH = 512;
/** Lookups queued past this many (a flood of publishes to made-up streams) are skipped. */
const MAX_QUEUED_LOOKUPS = 64;

/**
 * The ingest keys a publisher may use now, in memory, so node-media-server's synchronous `prePublish` can be
 * answered at once: every key not revoked of a stream scheduled or live and not expired at load. Expiry is checked
 * again against the clock at check time. Database reads run one after another, so a later read's answer always
 * wins over an earlier one's (a full reload never puts back a key revoked while it ran).
 */
export class IngestKeyView {
  #keys = new Map<string, IssuedKey>();
  #queue: Promise<unknown> = Promise.resolve();
  #queued = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Replaces the view with the database's issued keys. */
  loadAll(): Promise<void> {
    return this.#serially(async () => {
      const rows = await this.#issuedKeys().execute();
      this.#keys = new Map(rows.map((row) => [row.stream_id, issuedKeyOf(row)]));
    });
  }

  /** Reads one stream's key again (after its key was issued or revoked, or the stream ended). */
  refresh(streamId: string): Promise<void> {
    return this.#serially(async () => {
      const row = await this.#issuedKeys().where('k.stream_id', '=', streamId).executeTakeFirst();
      if (row) this.#keys.set(streamId, issuedKeyOf(row));
      else this.#keys.delete(streamId);
    });
  }

  /** Resolves once every read asked for so far has been applied. */
  async settled(): Promise<void> {
    await this.#queue;
  }

  /** Synchronous: whether `presentedKey` is this stream's key, unexpired on the clock. Constant time over the hash. */
  check(streamId: string, presentedKey: string | undefined): KeyCheck {
    const issued = this.#keys.get(streamId);
    if (!issued) return { ok: false, reason: 'unknown stream', known: false };
    if (!presentedKey || presentedKey.length > MAX_KEY_LENGTH) {
      return { ok: false, reason: 'no key given', known: true };
    }
    const presented = createHash('sha256').update(presentedKey, 'utf8').digest();
    if (!timingSafeEqual(presented, issued.sha256)) return { ok: false, reason: 'wrong key', known: true };
    if (issued.expiresAtMs <= this.clock.now().getTime())
      return { ok: false, reason: 'expired key', known: true };
    return { ok: true };
  }

  /**
   * Why a stream absent from the view is refused, from the database; null when there is no answer (lookups are
   * backed up, or the database failed). A stream the database says may publish is put in the view (it was
   * missed), so the encoder's next attempt is let in.
   */
  async explain(streamId: string): Promise<PublishRefusal | null> {
    if (this.#queued >= MAX_QUEUED_LOOKUPS) return null;
    return this.#serially(async (): Promise<PublishRefusal> => {
      const row = await this.db
        .selectFrom('live_streams as s')
        .leftJoin('live_stream_keys as k', 'k.stream_id', 's.id')
        .select(['s.status', 'k.key_sha256', 'k.expires_at', 'k.revoked_at'])
        .where('s.id', '=', streamId)
        .executeTakeFirst();
      if (!row) return 'unknown stream';
      if (row.status === 'ended') return 'stream ended (a reused key)';
      if (row.status === 'cancelled') return 'stream cancelled (a reused key)';
      if (!row.key_sha256 || !row.expires_at) return 'no key issued';
      if (row.revoked_at) return 'revoked key';
      if (new Date(row.expires_at).getTime() <= this.clock.now().getTime()) return 'expired key';
      this.#keys.set(streamId, issuedKeyOf({ key_sha256: row.key_sha256, expires_at: row.expires_at }));
      return 'key not loaded yet (loaded now: the next attempt is let in)';
    }).catch(() => null);
  }

  #issuedKeys() {
    return this.db
      .selectFrom('live_stream_keys as k')
      .innerJoin('live_streams as s', 's.id', 'k.stream_id')
      .select(['k.stream_id', 'k.key_sha256', 'k.expires_at'])
      .where('s.status', 'in', ['scheduled', 'live'])
      .where('k.revoked_at', 'is', null)
      .where('k.expires_at', '>', this.clock.now());
  }

  #serially<T>(read: () => Promise<T>): Promise<T> {
    this.#queued += 1;
    const run = this.#queue.then(read).finally(() => {
      this.#queued -= 1;
    });
    // One failed read does not stop the next ones.
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function issuedKeyOf(row: { key_sha256: string; expires_at: Date | string }): IssuedKey {
  return { sha256: Buffer.from(row.key_sha256, 'hex'), expiresAtMs: new Date(row.expires_at).getTime() };
}
