import { POST_KIND, type PostMutation } from '@shared/domain/posts/post-sync';
import type { PostSnapshot } from '@shared/domain/posts/post';
import type { Change, Mutation } from '@shared/domain/sync/protocol';
import type { KindContext, KindResult, StudioKind } from '../sync/synced-kind';
import { adoptSnapshot, type PostEditor } from './post-editor';
import { parseSnapshot } from './post-row';
import type { PostTable } from './post-table';
import { answerSetsBase, confirmedVersion, rebaseWaiting } from './post-versions';

/**
 * Posts in the studio's sync: how the server's answers and pulled changes land in the `posts` table.
 * `applied`/`duplicate` confirm a version (the pull brings the server's copy back and marks the post synced);
 * `rejected` marks the post with the reason; `conflict` keeps the creator's version and the server's side by side.
 */
export function postStudioKind({ outbox }: KindContext, posts: PostTable, editor: PostEditor): StudioKind {
  return {
    spec: POST_KIND,
    answerSetsBase: (mutation) => answerSetsBase((mutation as PostMutation).change),
    usesBase: (mutation) => (mutation as PostMutation).change.type === 'update',
    resolveConflict: (id, keep) => void editor.resolveConflict(id, keep),

    applyResult(mutation: Mutation, result: KindResult) {
      const { change, entityId } = mutation as PostMutation;
      const row = posts.find(entityId);
      if (!row) return;
      if (result.status === 'applied' || result.status === 'duplicate') {
        if (change.type === 'delete') {
          if (outbox.pendingFor(POST_KIND.entity, entityId) === 0) posts.remove(entityId);
          return;
        }
        const confirmed = confirmedVersion(change, result, row.confirmed_version);
        // Later edits of this post were based on a prediction; base them on what the server said.
        const version = rebaseWaiting(outbox, entityId, confirmed);
        const updated = { ...row, version, confirmed_version: confirmed };
        // A pull already brought this version back: nothing is left to wait for.
        const copy = row.server_copy ? parseSnapshot(row.server_copy) : null;
        const settled =
          copy?.version === confirmed &&
          outbox.pendingFor(POST_KIND.entity, entityId) === 0 &&
          row.sync_state === 'pending';
        posts.update(settled && copy ? adoptSnapshot(updated, copy) : updated);
      } else if (result.status === 'rejected') {
        if (change.type === 'delete' && result.code === 'not_found') {
          posts.remove(entityId);
          return;
        }
        posts.update({
          ...row,
          version: row.confirmed_version ?? 0,
          deleted: 0,
          sync_state: 'rejected',
          sync_error: result.message,
        });
      } else if (result.status === 'conflict') {
        const current = result.current as PostSnapshot;
        posts.update({
          ...row,
          version: current.version,
          confirmed_version: current.version,
          deleted: 0,
          sync_state: 'conflict',
          sync_error: null,
          server_copy: JSON.stringify(current),
        });
      }
    },

    applyChanges(changes: readonly Change[]) {
      // Runs of upserts go together (the common case: a catch-up); a deletion keeps its place in the order.
      let upserts: PostSnapshot[] = [];
      for (const change of changes) {
        if (change.op === 'upsert') {
          upserts.push(change.data as PostSnapshot);
          continue;
        }
        posts.receiveMany(upserts);
        upserts = [];
        posts.receiveDeletion(change.id);
      }
      posts.receiveMany(upserts);
    },
  };
}
