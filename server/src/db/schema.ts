import type { AccountsTable, PasswordResetsTable, SessionsTable } from './schema/accounts';
import type { CreatorProfilesTable, FollowsTable } from './schema/creators';
import type {
  LiveChatBansTable,
  LiveChatMessagesTable,
  LiveChatModeratorsTable,
  LiveChatSettingsTable,
  LiveStreamKeysTable,
  LiveStreamsTable,
} from './schema/live';
import type { MediaTable } from './schema/media';
import type {
  LedgerOperationsTable,
  LedgerTransfersTable,
  PaymentsTable,
  RailCustomersTable,
  RailEventsTable,
} from './schema/money';
import type { PostMediaTable, PostsTable } from './schema/posts';
import type { PurchasesTable } from './schema/purchases';
import type { ScheduledJobsTable } from './schema/scheduler';
import type {
  PromoCodesTable,
  SubscriptionsTable,
  TiersTable,
  TrialsUsedTable,
} from './schema/subscriptions';
import type { AppliedMutationsTable, ChangeFeedsTable, ChangesTable, FeedOutboxTable } from './schema/sync';
import type { TipSettingsTable, TipsTable } from './schema/tips';

// Every table's interface, from its feature area's file: importers keep reading them all from `db/schema`.
export type * from './schema/accounts';
export type * from './schema/creators';
export type * from './schema/live';
export type * from './schema/media';
export type * from './schema/money';
export type * from './schema/posts';
export type * from './schema/purchases';
export type * from './schema/scheduler';
export type * from './schema/subscriptions';
export type * from './schema/sync';
export type * from './schema/tips';

/**
 * The server database as Kysely sees it: one table interface per table, each in its feature area's file under
 * `schema/`. Each table has one repository, in the folder of the feature that owns it (accounts, sessions and
 * password_resets: `services/accounts`; posts: `services/posts`; follows: `services/creators`; creator_profiles:
 * `services/profiles`; change_feeds, changes and applied_mutations: `services/sync`). bigint columns (seq
 * counters) come back as JS numbers: both drivers parse int8 as a number while it is safe (see database.ts).
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
