import type { ColumnType } from 'kysely';
import type {
  CreatedAt,
  Json,
  Minor,
  MinorWithDefault,
  NullableTimestamp,
  Timestamp,
  Version,
} from './columns';

/** Subscription tiers (`services/subscriptions`). */
export interface TiersTable {
  id: string;
  creator_id: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  perks: Json<string[]>;
  rank: number;
  currency: ColumnType<string, string | undefined, string>;
  monthly_price: Minor;
  annual_price: string | null;
  trial_days: ColumnType<number, number | undefined, number>;
  ppv_discount_bps: ColumnType<number, number | undefined, number>;
  archived_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Version;
}

export interface PromoCodesTable {
  id: string;
  creator_id: string;
  code: string;
  percent_off: number | null;
  amount_off: string | null;
  tier_id: string | null;
  max_uses: number | null;
  uses: ColumnType<number, number | undefined, number>;
  expires_at: NullableTimestamp;
  archived_at: NullableTimestamp;
  created_at: CreatedAt;
  version: Version;
}

export type SubscriptionStatusColumn =
  'incomplete' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'lapsed';

export interface SubscriptionsTable {
  id: string;
  fan_id: string;
  creator_id: string;
  tier_id: string;
  billing_interval: 'month' | 'year';
  currency: string;
  price: Minor;
  credit: MinorWithDefault;
  status: SubscriptionStatusColumn;
  anchor: Timestamp;
  periods_paid: ColumnType<number, number | undefined, number>;
  current_period_start: Timestamp;
  current_period_end: Timestamp;
  cancel_at_period_end: ColumnType<boolean, boolean | undefined, boolean>;
  grace_until: NullableTimestamp;
  promo_code_id: string | null;
  payment_method: string;
  rail: string;
  created_at: CreatedAt;
  ended_at: NullableTimestamp;
}

export interface TrialsUsedTable {
  fan_id: string;
  creator_id: string;
  used_at: Timestamp;
}
