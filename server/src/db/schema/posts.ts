import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './columns';

// Posts and the media they carry (`services/posts`).

export interface PostsTable {
  id: string;
  creator_id: string;
  title: string;
  body: string;
  access_rule: Json<unknown>;
  /** The pay-per-view price: both null when the post is not for sale; minor units as text, like `Minor`. */
  price_currency: ColumnType<'USD' | null, 'USD' | null | undefined, 'USD' | null>;
  price_minor: ColumnType<string | null, string | null | undefined, string | null>;
  status: 'draft' | 'scheduled' | 'published' | 'expired';
  version: number;
  published_at: NullableTimestamp;
  /** When a scheduled post goes out; null: published by hand. */
  publish_at: NullableTimestamp;
  /** When a published post is hidden again; null: never. */
  expires_at: NullableTimestamp;
  /** The IANA zone the creator scheduled in (display only). */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

/** A post's media in order; `media_id` may name an item still uploading (no foreign key, see migration 0009). */
export interface PostMediaTable {
  post_id: string;
  position: number;
  media_id: string;
  caption: string;
}

export type PostRow = Selectable<PostsTable>;
export type NewPostRow = Insertable<PostsTable>;
