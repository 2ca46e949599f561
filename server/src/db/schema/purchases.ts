import type { NullableTimestamp, Timestamp } from './columns';

/** Pay-per-view entitlements: one payment opens an item for good (until refunded or disputed). */
export interface PurchasesTable {
  fan_id: string;
  item_id: string;
  creator_id: string;
  payment_id: string;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
}
