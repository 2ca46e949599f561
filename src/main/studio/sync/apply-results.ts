import type Database from 'better-sqlite3';
import type { Mutation, MutationResult } from '@shared/domain/sync/protocol';
import { adoptSnapshot } from '../content/post-repository';
import { parseSnapshot, type PostRow } from '../content/post-row';
import { confirmedVersion, rebaseWaiting } from './confirmed-version';
import type { Outbox } from './outbox';

/**
 * Records the server's answers to a pushed batch, in one transaction. `applied`/`duplicate` leave the outbox
 * (the pull brings the server's copy back and marks the post synced); `rejected` marks the post with the
 * reason and drops its waiting mutations; `conflict` keeps the creator's version and the server's side by side.
 */
export function applyResults(
  db: Database.Database,
  outbox: Outbox,
  sent: readonly Mutation[],
  results: readonly MutationResult[],
): void {
  const byId = new Map(sent.map((m) => [m.id, m]));
  const selectRow = db.prepare('SELECT * FROM posts WHERE id = ?');
  const update = db.prepare(`UPDATE posts SET version = @version, confirmed_version = @confirmed_version,
      deleted = @deleted, sync_state = @sync_state, sync_error = @sync_error, server_copy = @server_copy
    WHERE id = @id`);
  const adopt = db.prepare(`UPDATE posts SET title = @title, body = @body, access_rule = @access_rule,
      status = @status, version = @version, confirmed_version = @confirmed_version, published_at = @published_at,
      created_at = @created_at, updated_at = @updated_at, deleted = 0, sync_state = 'synced', sync_error = NULL,
      server_copy = NULL
    WHERE id = @id`);
  const remove = db.prepare('DELETE FROM posts WHERE id = ?');

  db.transaction(() => {
    // Posts whose mutation the server did not apply in this batch: the earlier answer settled them.
    const refusedPosts = new Set<string>();
    for (const result of results) {
      const mutation = byId.get(result.id);
      if (!mutation) continue;
      if (refusedPosts.has(mutation.postId)) {
        outbox.reject(mutation.id);
        continue;
      }
      if (result.status === 'conflict' || result.status === 'rejected') refusedPosts.add(mutation.postId);
      const row = selectRow.get(mutation.postId) as PostRow | undefined;
      if (result.status === 'applied' || result.status === 'duplicate') {
        outbox.ack(mutation.id);
        if (!row) continue;
        if (mutation.type === 'post.delete') {
          if (outbox.pendingForPost(row.id) === 0) remove.run(row.id);
          continue;
        }
        const confirmed = confirmedVersion(mutation, result, row.confirmed_version);
        // Later edits of this post were based on a prediction; base them on what the server said.
        const version = rebaseWaiting(outbox, row.id, confirmed);
        update.run({ ...row, version, confirmed_version: confirmed });
        // A pull already brought this version back: nothing is left to wait for.
        const copy = row.server_copy ? parseSnapshot(row.server_copy) : null;
        if (
          copy &&
          copy.version === confirmed &&
          outbox.pendingForPost(row.id) === 0 &&
          row.sync_state === 'pending'
        ) {
          adopt.run(adoptSnapshot(row, copy));
        }
      } else if (result.status === 'rejected') {
        outbox.reject(mutation.id);
        outbox.dropForPost(mutation.postId);
        if (!row) continue;
        if (mutation.type === 'post.delete' && result.code === 'NOT_FOUND') {
          remove.run(row.id);
          continue;
        }
        update.run({
          ...row,
          version: row.confirmed_version ?? 0,
          deleted: 0,
          sync_state: 'rejected',
          sync_error: result.message,
        });
      } else if (result.status === 'conflict') {
        outbox.reject(mutation.id);
        outbox.dropForPost(mutation.postId);
        if (!row) continue;
        update.run({
          ...row,
          version: result.current.version,
          confirmed_version: result.current.version,
          deleted: 0,
          sync_state: 'conflict',
          sync_error: null,
          server_copy: JSON.stringify(result.current),
        });
      }
    }
  })();
}
