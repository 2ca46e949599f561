import type { Selectable } from 'kysely';
import type { CreatedAt, NullableTimestamp, Timestamp } from './columns';

// Accounts, their sessions and password resets (`services/accounts`).

export type AccountRoleColumn = 'fan' | 'creator' | 'manager';

export interface AccountsTable {
  id: string;
  email: string;
  handle: string | null;
  display_name: string;
  role: AccountRoleColumn;
  password_hash: string;
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

export interface PasswordResetsTable {
  id: string;
  account_id: string;
  secret_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export type AccountRow = Selectable<AccountsTable>;
