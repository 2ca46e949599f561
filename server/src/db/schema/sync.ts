import type { ColumnType } from 'kysely';
import type { CreatedAt, Json } from './columns';

// Sync (`services/sync`): each account's change feed, the mutations applied, the outbox of server-written kinds.

export interface ChangeFeedsTable {
  account_id: string;
  last_seq: number;
}

export interface ChangesTable {
  account_id: string;
  seq: number;
  entity: string;
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

/** Changes of server-written kinds waiting to reach their owners' feeds in a batch (`services/sync`). */
export interface FeedOutboxTable {
  id: ColumnType<string, never, never>;
  account_id: string;
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete';
  data: ColumnType<unknown, string | null, never>;
}
