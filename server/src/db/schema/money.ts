import type { ColumnType } from 'kysely';
import type { CreatedAt, Minor, MinorWithDefault, NullableTimestamp } from './columns';

// Money as every feature moves it: the ledger, and fans' payments on their rails.

/** The ledger (`services/ledger`): operations and their transfers, append-only. */
export interface LedgerOperationsTable {
  id: string;
  idempotency_key: string;
  kind: string;
  source: string | null;
  creator_id: string | null;
  fan_id: string | null;
  payment_id: string | null;
  fingerprint: string;
  created_at: CreatedAt;
}

export interface LedgerTransfersTable {
  id: ColumnType<string, never, never>;
  operation_id: string;
  debit: string;
  credit: string;
  currency: string;
  amount: Minor;
  created_at: CreatedAt;
}

export type PaymentStatusColumn = 'pending' | 'succeeded' | 'failed' | 'disputed';

/** Fans' payments and their state on the rail (`services/payments`). */
export interface PaymentsTable {
  id: string;
  idempotency_key: string;
  fan_id: string;
  creator_id: string;
  source: 'tip' | 'subscription' | 'ppv' | 'ticket';
  item_id: string | null;
  currency: string;
  amount: Minor;
  fee: MinorWithDefault;
  amount_refunded: MinorWithDefault;
  rail: string;
  rail_charge: string | null;
  status: PaymentStatusColumn;
  failure: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  settled_at: NullableTimestamp;
}

/** Each fan's customer on each rail (`services/payments`). */
export interface RailCustomersTable {
  fan_id: string;
  rail: string;
  customer: string;
}

/** Rail events applied, by id (`services/payments`). */
export interface RailEventsTable {
  rail: string;
  event_id: string;
  type: string;
  received_at: CreatedAt;
}
