import type { KindContext } from '../sync/synced-kind';
import { ProfileEditor } from './profile-editor';
import { profileStudioKind } from './profile-sync';
import { ProfileTable } from './profile-table';

/** The profile over one account's database: what the creator edits, and the kind the sync engine applies. */
export function openProfile(context: KindContext) {
  const table = new ProfileTable(context.db);
  const editor = new ProfileEditor(context.db, table, context.outbox, context.account);
  return { editor, kind: profileStudioKind(context, table, editor) };
}
