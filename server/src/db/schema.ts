import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * The server database as Kysely sees it: one table interface per table. Each table has one repository, in
 * the folder of the feature that owns it (accounts, sessions and password_resets: `services/accounts`; posts: `services/posts`;
 * follows: `services/creators`; creator_profiles: `services/profiles`; change_feeds, changes and
 * applied_mutations: `services/sync`). bigint columns (seq counters) come back as JS numbers: both drivers
 * parse int8 as a number while it is safe (see database.ts).
 */
export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  posts: PostsTable;
  follows: FollowsTable;
  creator_profiles: CreatorProfilesTable;
  change_feeds: ChangeFeedsTable;
  changes: ChangesTable;
  applied_mutations: AppliedMutationsTable;
  scheduled_jobs: ScheduledJobsTable;
  ledger_operations: LedgerOperationsTable;
  ledger_transfers: LedgerTransfersTable;
  payments: PaymentsTable;
  tips: TipsTable;
  tip_settings: TipSettingsTable;
  rail_customers: RailCustomersTable;
  rail_events: RailEventsTable;
  feed_outbox: FeedOutboxTable;
  tiers: TiersTable;
  promo_codes: PromoCodesTable;
  subscriptions: SubscriptionsTable;
  trials_used: TrialsUsedTable;
  purchases: PurchasesTable;
  media: MediaTable;
  post_media: PostMediaTable;
  live_streams: LiveStreamsTable;
  live_stream_keys: LiveStreamKeysTable;
  live_chat_messages: LiveChatMessagesTable;
  live_chat_settings: LiveChatSettingsTable;
  live_chat_moderators: LiveChatModeratorsTable;
  live_chat_bans: LiveChatBansTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A row's version where the studio edits it offline: 1 when inserted, +1 on every accepted change. */
type Version = ColumnType<number, number | undefined, number>;
/** json/jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

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

/** A media item: made by a studio's upload, processed by the server, served once `ready`. */
export interface MediaTable {
  id: string;
  creator_id: string;
  kind: 'photo' | 'video' | 'audio';
  status: 'uploading' | 'processing' | 'ready' | 'failed';
  failure: string | null;
  /** The studio's file name, for display only (never a path). */
  filename: string;
  /** The whole upload's SHA-256 as the studio declared it, checked before processing. */
  sha256: string;
  /** The upload's size as declared (what counts against the creator's quota). */
  bytes: ColumnType<string, string | number | bigint, string | number | bigint>;
  /** The tus upload's id while it is open. */
  upload_id: string | null;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  /** Rendition → where it is stored and what it is: `{ "full": { "key": "…", "bytes": 123, "contentType": "video/mp4" } }`. */
  renditions: Json<Record<string, { key: string; bytes: number; contentType: string }>>;
  created_at: CreatedAt;
  ready_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
}

/** A post's media in order; `media_id` may name an item still uploading (no foreign key, see migration 0009). */
export interface PostMediaTable {
  post_id: string;
  position: number;
  media_id: string;
  caption: string;
}

export interface FollowsTable {
  fan_id: string;
  creator_id: string;
  created_at: CreatedAt;
}

export interface CreatorProfilesTable {
  account_id: string;
  bio: string;
  links: Json<unknown>;
  accent_color: string;
  version: number;
  updated_at: Timestamp;
}

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

export type AccountRow = Selectable<AccountsTable>;
export type PostRow = Selectable<PostsTable>;
export type NewPostRow = Insertable<PostsTable>;

export type ScheduledJobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/** Durable scheduled work (`services/scheduler`). */
export interface ScheduledJobsTable {
  id: string;
  kind: string;
  /** Unique: scheduling the same job twice keeps the first. */
  key: string;
  payload: Json<unknown>;
  run_at: Timestamp;
  status: ColumnType<ScheduledJobStatus, ScheduledJobStatus | undefined, ScheduledJobStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  /** The lease of the worker running it; past it, another worker may take the job again. */
  locked_until: NullableTimestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  finished_at: NullableTimestamp;
}

/** numeric(78,0) minor units: read as text (both drivers), written as text; the repositories convert to bigint. */
type Minor = ColumnType<string, string, string>;
type MinorWithDefault = ColumnType<string, string | undefined, string>;

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

/** Tips (`services/tips`). */
export interface TipsTable {
  payment_id: string;
  fan_id: string;
  creator_id: string;
  post_id: string | null;
  /** The live stream whose chat the tip was sent from (migration 0010). */
  stream_id: ColumnType<string | null, string | null | undefined, string | null>;
  currency: string;
  amount: Minor;
  message: string;
  created_at: Timestamp;
}

export interface TipSettingsTable {
  creator_id: string;
  currency: ColumnType<string, string | undefined, string>;
  minimum: Minor;
  presets: Json<string[]>;
  goal_title: string | null;
  goal_amount: string | null;
  goal_started_at: NullableTimestamp;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Version;
}

/** Each fan's customer on each rail (`services/payments`). */
export interface RailCustomersTable {
  fan_id: string;
  rail: string;
  customer: string;
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

/** Rail events applied, by id (`services/payments`). */
export interface RailEventsTable {
  rail: string;
  event_id: string;
  type: string;
  received_at: CreatedAt;
}

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

/** Pay-per-view entitlements: one payment opens an item for good (until refunded or disputed). */
export interface PurchasesTable {
  fan_id: string;
  item_id: string;
  creator_id: string;
  payment_id: string;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
}

/** Live streams (`services/live/streams`, migration 0010). */
export interface LiveStreamsTable {
  id: string;
  creator_id: string;
  title: string;
  access_rule: Json<unknown>;
  ticket_currency: string | null;
  ticket_price: ColumnType<string | null, string | null, string | null>;
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
  scheduled_for: NullableTimestamp;
  started_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  /** A publisher is connected to the relay now (false while the encoder reconnects). */
  publishing: ColumnType<boolean, boolean | undefined, boolean>;
  peak_viewers: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Version;
}

/** Each stream's one RTMP ingest key, as its SHA-256 (`services/live/streams` issues; the relay reads). */
export interface LiveStreamKeysTable {
  stream_id: string;
  key_sha256: string;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** Chat messages and tips of a stream (`services/live/chat`). */
export interface LiveChatMessagesTable {
  id: string;
  stream_id: string;
  author_id: string;
  kind: 'message' | 'tip';
  text: string;
  tip_payment_id: string | null;
  tip_currency: string | null;
  tip_amount: ColumnType<string | null, string | null, string | null>;
  created_at: CreatedAt;
  deleted_at: NullableTimestamp;
  deleted_by: string | null;
}

export interface LiveChatSettingsTable {
  creator_id: string;
  slow_mode_seconds: ColumnType<number, number | undefined, number>;
  blocked_words: Json<string[]>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Version;
}

export interface LiveChatModeratorsTable {
  creator_id: string;
  account_id: string;
  created_at: CreatedAt;
}

/** A ban (`until` null) or a timeout (until a time) from a creator's chats. */
export interface LiveChatBansTable {
  creator_id: string;
  fan_id: string;
  until: NullableTimestamp;
  reason: ColumnType<string, string | undefined, string>;
  created_by: string;
  created_at: CreatedAt;
}
