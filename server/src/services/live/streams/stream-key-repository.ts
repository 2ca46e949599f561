import type { Queryable } from '../../../db/queryable';

/** The `live_stream_keys` table: each stream's one ingest key, as its SHA-256 (the key itself is never kept). */
export class StreamKeyRepository {
  /** Makes `sha256` the stream's key, replacing (and so revoking) any earlier one. */
  async replace(q: Queryable, streamId: string, sha256: string, expiresAt: Date, now: Date): Promise<void> {
    await q
      .insertInto('live_stream_keys')
      .values({ stream_id: streamId, key_sha256: sha256, expires_at: expiresAt, created_at: now })
      .onConflict((oc) =>
        oc.column('stream_id').doUpdateSet({
          key_sha256: sha256,
          expires_at: expiresAt,
          revoked_at: null,
        }),
      )
      .execute();
  }

  /** The stream's key stops working (it ended); true when there was a key still in force. */
  async revoke(q: Queryable, streamId: string, now: Date): Promise<boolean> {
    const revoked = await q
      .updateTable('live_stream_keys')
      .set({ revoked_at: now })
      .where('stream_id', '=', streamId)
      .where('revoked_at', 'is', null)
      .returning('stream_id')
      .executeTakeFirst();
    return revoked !== undefined;
  }
}
