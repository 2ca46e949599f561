import type { KindContext } from '../sync/synced-kind';
import { PostEditor } from './post-editor';
import { postStudioKind } from './post-sync';
import { PostTable } from './post-table';

/** Posts over one account's database: what the creator edits, and the kind the sync engine applies. */
export function openPosts(context: KindContext) {
  const table = new PostTable(context.db);
  const editor = new PostEditor(context.db, table, context.outbox, context.account.id);
  return { editor, kind: postStudioKind(context, table, editor) };
}
