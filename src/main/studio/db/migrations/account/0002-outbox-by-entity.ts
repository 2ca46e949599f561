import type { Migration } from '../../migration';

/**
 * The outbox keyed by entity kind and id, so it carries any kind's mutations: `post_id` becomes `entity` +
 * `entity_id`, and each waiting mutation moves to the kind-neutral envelope
 * (`{ id, entity, entityId, change }`, the post's own fields under `change` with `post.update` → `update`).
 * Mutations waiting for the server are kept, in order, with their ids: a retry after the upgrade is still the
 * same mutation to the server.
 */
export const migration0002: Migration = {
  name: '0002-outbox-by-entity',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_by_entity (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        mutation TEXT NOT NULL,
        enqueued_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO outbox_by_entity (seq, id, entity, entity_id, mutation, enqueued_at)
        SELECT seq, id, 'post', post_id,
          json_object(
            'id', id,
            'entity', 'post',
            'entityId', post_id,
            'change', json(json_remove(
              json_set(mutation, '$.type', substr(json_extract(mutation, '$.type'), 6)),
              '$.id', '$.postId'))),
          enqueued_at
        FROM outbox ORDER BY seq;
      DROP TABLE outbox;
      ALTER TABLE outbox_by_entity RENAME TO outbox;
      CREATE INDEX outbox_entity ON outbox (entity, entity_id);
    `);
  },
};
