import type Database from 'better-sqlite3';
import type { Change } from '@shared/domain/sync/protocol';
import { snapshotParams } from '../content/post-row';
import { readCursor, writeCursor } from './cursor';

interface Statements {
  upsert: Database.Statement;
  recordServerCopy: Database.Statement;
  remove: Database.Statement;
  forgetServerCopy: Database.Statement;
}

const statements = new WeakMap<Database.Database, Statements>();

// A pulled change overwrites a post only when the creator has nothing of theirs waiting: no mutation in the
// outbox and no conflict or refusal to look at. Otherwise it records the server's copy and the push settles it.
const LOCAL_SIDE_IS_SETTLED = `posts.sync_state IN ('synced', 'pending')
  AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.post_id = posts.id)`;

function prepare(db: Database.Database): Statements {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = {
      upsert: db.prepare(`INSERT INTO posts (id, creator_id, title, body, access_rule, status, version,
          confirmed_version, published_at, created_at, updated_at, deleted, sync_state, sync_error, server_copy)
        VALUES (@id, @creator_id, @title, @body, @access_rule, @status, @version, @version, @published_at,
          @created_at, @updated_at, 0, 'synced', NULL, NULL)
        ON CONFLICT (id) DO UPDATE SET creator_id = excluded.creator_id, title = excluded.title,
          body = excluded.body, access_rule = excluded.access_rule, status = excluded.status,
          version = excluded.version, confirmed_version = excluded.confirmed_version,
          published_at = excluded.published_at, created_at = excluded.created_at,
          updated_at = excluded.updated_at, deleted = 0, sync_state = 'synced', sync_error = NULL,
          server_copy = NULL
        WHERE ${LOCAL_SIDE_IS_SETTLED}`),
      // With nothing waiting in the outbox, the next local edit is based on this server version.
      recordServerCopy: db.prepare(`UPDATE posts SET server_copy = @copy, confirmed_version = @version,
          version = CASE WHEN EXISTS (SELECT 1 FROM outbox WHERE outbox.post_id = posts.id) THEN version
            ELSE @version END
        WHERE id = @id`),
      remove: db.prepare(`DELETE FROM posts WHERE id = ? AND ${LOCAL_SIDE_IS_SETTLED}`),
      forgetServerCopy: db.prepare(
        'UPDATE posts SET server_copy = NULL, confirmed_version = NULL WHERE id = ?',
      ),
    };
    statements.set(db, prepared);
  }
  return prepared;
}

/**
 * Applies one page of the change feed and saves `cursor` in the same transaction: after a crash the page is
 * either fully applied with its cursor or not at all. Returns the number of changes applied.
 */
export function applyChanges(db: Database.Database, changes: readonly Change[], cursor?: number): number {
  const s = prepare(db);
  const newCursor = cursor ?? changes.at(-1)?.seq ?? readCursor(db);
  db.transaction(() => {
    for (const change of changes) {
      if (change.op === 'upsert') {
        const params = snapshotParams(change.data);
        if (s.upsert.run(params).changes === 0) {
          s.recordServerCopy.run({
            copy: JSON.stringify(change.data),
            version: change.data.version,
            id: change.id,
          });
        }
      } else if (s.remove.run(change.id).changes === 0) {
        s.forgetServerCopy.run(change.id);
      }
    }
    writeCursor(db, newCursor);
  })();
  return changes.length;
}
