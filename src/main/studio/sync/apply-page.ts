import type Database from 'better-sqlite3';
import type { Change } from '@shared/domain/sync/protocol';
import { writeCursor } from './cursor';
import type { StudioKinds } from './synced-kind';

/** The ids each kind's pulled changes touched, for the UI to refresh by id. */
export type ChangedIds = Map<string, string[]>;

/**
 * Applies one page of the change feed and saves `cursor` in the same transaction: after a crash the page is
 * either fully applied with its cursor or not at all. Changes are handed to their kinds in feed order, one
 * run of consecutive changes of a kind at a time (kinds are independent tables; order within an entity is
 * kept). A kind this studio does not know (a newer server's) is skipped.
 */
export function applyPage(
  db: Database.Database,
  kinds: StudioKinds,
  changes: readonly Change[],
  cursor: number,
): ChangedIds {
  const changed: ChangedIds = new Map();
  db.transaction(() => {
    let start = 0;
    while (start < changes.length) {
      const entity = changes[start]!.entity;
      let end = start + 1;
      while (end < changes.length && changes[end]!.entity === entity) end++;
      const run = changes.slice(start, end);
      const kind = kinds.get(entity);
      if (kind) {
        kind.applyChanges(run);
        let ids = changed.get(entity);
        if (!ids) changed.set(entity, (ids = []));
        for (const change of run) ids.push(change.id);
      }
      start = end;
    }
    writeCursor(db, cursor);
  })();
  return changed;
}
