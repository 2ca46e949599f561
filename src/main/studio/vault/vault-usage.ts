import type Database from 'better-sqlite3';

/** Something that uses a vault item, as the "used in" list names it. */
export interface UsageRef {
  readonly id: string;
  readonly title: string;
}

/** Where an item is used, per kind of user: posts now; messages and Surprises add their own key. */
export interface VaultUsedIn {
  readonly posts: UsageRef[];
}

/**
 * One kind of thing that can hold vault items. A later feature (messages, Surprises) adds a source with its
 * key: the "used in" answer, the delete guard and the `usedIn` filter all follow from the list of sources.
 */
interface UsageSource {
  readonly key: keyof VaultUsedIn;
  /** An SQL condition, true when the item `i` (a `vault_items` alias) is used by one of these. */
  readonly usesItem: string;
  /** Its users of one item, in a stable order. */
  readonly statement: Database.Statement<[string], UsageRef>;
}

/** Which posts, messages, … use each vault item (read from their own tables; the vault never writes them). */
export class VaultUsage {
  private readonly sources: readonly UsageSource[];

  constructor(db: Database.Database) {
    this.sources = [
      {
        key: 'posts',
        // A deleted post (still waiting for the server to hear of it) no longer holds its media.
        usesItem: `EXISTS (SELECT 1 FROM post_media pm JOIN posts p ON p.id = pm.post_id
          WHERE pm.media_id = i.id AND p.deleted = 0)`,
        statement: db.prepare(`SELECT p.id AS id, p.title AS title FROM post_media pm
          JOIN posts p ON p.id = pm.post_id
          WHERE pm.media_id = ? AND p.deleted = 0 ORDER BY p.created_at DESC, p.id DESC`),
      },
    ];
  }

  /** What uses the item, by kind of user. */
  usedIn(itemId: string): VaultUsedIn {
    const usedIn = { posts: [] } as { -readonly [K in keyof VaultUsedIn]: UsageRef[] };
    for (const source of this.sources) usedIn[source.key] = source.statement.all(itemId);
    return usedIn;
  }

  /** An SQL condition over `i` (a `vault_items` alias): the item is used somewhere. */
  get usedSql(): string {
    return `(${this.sources.map((source) => source.usesItem).join(' OR ')})`;
  }
}

/** How many things use the item, all kinds together. */
export function useCount(usedIn: VaultUsedIn): number {
  return Object.values(usedIn).reduce((sum: number, refs: UsageRef[]) => sum + refs.length, 0);
}
