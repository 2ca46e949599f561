import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * The server database as Kysely sees it. bigint columns (seq counters) come back as JS numbers: both
 * drivers are set up to parse int8 as a number while it is safe (see database.ts).
 */
export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  posts: PostsTable;
  changes: ChangesTable;
  applied_mutations: AppliedMutationsTable;
  follows: FollowsTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export type AccountRoleColumn = 'fan' | 'creator' | 'manager';

export interface AccountsTable {
  id: string;
  email: string;
  handle: string | null;
  display_name: string;
  role: AccountRoleColumn;
  password_hash: string;
  change_seq: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  secret_hash: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface PostsTable {
  id: string;
  creator_id: string;
  title: string;
  body: string;
  access_rule: Json<unknown>;
  status: 'draft' | 'published';
  version: number;
  published_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface ChangesTable {
  account_id: string;
  seq: number;
  entity: 'post';
  entity_id: string;
  op: 'upsert' | 'delete';
  data: Json<unknown>;
  mutation_id: string | null;
  created_at: CreatedAt;
}

export interface AppliedMutationsTable {
  account_id: string;
  mutation_id: string;
  result: Json<unknown>;
  applied_at: CreatedAt;
}

export interface FollowsTable {
  fan_id: string;
  creator_id: string;
  created_at: CreatedAt;
}

export type AccountRow = Selectable<AccountsTable>;
export type PostRow = Selectable<PostsTable>;
export type NewPostRow = Insertable<PostsTable>;
export type { Generated };
