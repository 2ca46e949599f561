import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The content library on the server: media items (created by a studio's tus upload, processed, then served),
 * posts' ordered media with captions, and posts' schedule and expiry.
 *
 * `post_media.media_id` has no foreign key on purpose: the studio syncs a post naming media that is still
 * uploading, so a draft may name an item the server does not have yet. The post service checks, when the post
 * is published (at once or by the scheduler), that every item exists, is ready and is the creator's own.
 */
export const migration0009Media: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE TABLE media (
      id uuid PRIMARY KEY,
      creator_id uuid NOT NULL REFERENCES accounts(id),
      kind text NOT NULL CHECK (kind IN ('photo', 'video', 'audio')),
      status text NOT NULL CHECK (status IN ('uploading', 'processing', 'ready', 'failed')),
      failure text,
      filename text NOT NULL,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      bytes bigint NOT NULL CHECK (bytes >= 0),
      upload_id text UNIQUE,
      duration_ms integer CHECK (duration_ms >= 0),
      width integer CHECK (width > 0),
      height integer CHECK (height > 0),
      renditions jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      ready_at timestamptz,
      deleted_at timestamptz,
      CHECK ((status = 'failed') = (failure IS NOT NULL)),
      CHECK ((status = 'ready') = (ready_at IS NOT NULL))
    )`.execute(db);
    await sql`CREATE INDEX media_creator_idx ON media (creator_id, created_at) WHERE deleted_at IS NULL`.execute(
      db,
    );

    await sql`CREATE TABLE post_media (
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      position smallint NOT NULL CHECK (position >= 0),
      media_id uuid NOT NULL,
      caption text NOT NULL DEFAULT '',
      PRIMARY KEY (post_id, position),
      UNIQUE (post_id, media_id)
    )`.execute(db);
    await sql`CREATE INDEX post_media_media_idx ON post_media (media_id)`.execute(db);

    await sql`ALTER TABLE posts
      ADD COLUMN publish_at timestamptz,
      ADD COLUMN expires_at timestamptz,
      ADD COLUMN time_zone text,
      DROP CONSTRAINT posts_status_check,
      ADD CONSTRAINT posts_status_check CHECK (status IN ('draft', 'scheduled', 'published', 'expired')),
      ADD CONSTRAINT posts_expiry_after_publish CHECK (expires_at IS NULL OR publish_at IS NULL OR expires_at > publish_at)`.execute(
      db,
    );
  },
};
