import type { Kysely } from 'kysely';
import type { PubSub } from './adapters/pubsub';
import type { Database } from './db/schema';
import { ActingForPolicy } from './services/access/acting-for';
import { ViewerFactsService } from './services/access/viewer-facts';
import { AccountRepository } from './services/accounts/account-repository';
import { AccountService } from './services/accounts/account-service';
import { SessionRepository } from './services/accounts/session-repository';
import type { AttemptLimiter } from './services/accounts/attempt-limiter';
import { PasswordResetRepository } from './services/accounts/password-reset-repository';
import { PasswordResetService } from './services/accounts/password-reset-service';
import type { Mailer } from './adapters/mail/mailer';
import { CreatorPageService } from './services/creators/creator-page-service';
import { creatorPageRoutes } from './services/creators/creator-page-routes';
import { FollowRepository } from './services/creators/follow-repository';
import { FollowService } from './services/creators/follow-service';
import { PageMediaReader } from './services/creators/page-media';
import { PostJobs } from './services/posts/post-jobs';
import { PostMediaCheck } from './services/posts/post-media-check';
import { PostMediaRepository } from './services/posts/post-media-repository';
import { PostRepository } from './services/posts/post-repository';
import { PostService } from './services/posts/post-service';
import { PostWriter } from './services/posts/post-writer';
import { postSyncedKind } from './services/posts/post-sync';
import { composeMedia, type MediaOptions } from './services/media/media-feature';
import { ProfileRepository } from './services/profiles/profile-repository';
import { ProfileService } from './services/profiles/profile-service';
import { profileSyncedKind } from './services/profiles/profile-sync';
import { AppliedMutationRepository } from './services/sync/applied-mutation-repository';
import { ChangeFeed } from './services/sync/change-feed';
import { changeFeedRoutes } from './services/sync/feed-routes';
import { SyncedKinds } from './services/sync/synced-kind';
import { SyncService } from './services/sync/sync-service';
import type { FeatureRoutes } from './http/feature-routes';
import type { Clock } from '@shared/domain/clock';
import { LedgerRepository } from './services/ledger/ledger-repository';
import { LedgerService } from './services/ledger/ledger-service';
import type { CardEntryConfig } from './services/payments/card-entry-config';
import type { PaymentRail } from './services/payments/payment-rail';
import { PaymentRepository } from './services/payments/payment-repository';
import { PaymentService } from './services/payments/payment-service';
import { ReceiptRepository, ReceiptService } from './services/payments/receipts';
import { stripeWebhookRoutes, type WebhookParser } from './services/payments/stripe-webhook-routes';
import { FeedOutbox } from './services/sync/feed-outbox';
import { TipRepository } from './services/tips/tip-repository';
import { TipService } from './services/tips/tip-service';
import { tipSettingsSyncedKind } from './services/tips/tip-settings-sync';
import { ScheduledJobRepository, Scheduler } from './services/scheduler';
import { PromoRepository } from './services/subscriptions/promo-repository';
import { PromoService } from './services/subscriptions/promo-service';
import { promoSyncedKind } from './services/subscriptions/promo-sync';
import { SubscriptionRepository } from './services/subscriptions/subscription-repository';
import { SubscriptionService } from './services/subscriptions/subscription-service';
import { TierRepository } from './services/subscriptions/tier-repository';
import { TierService } from './services/subscriptions/tier-service';
import { tierSyncedKind } from './services/subscriptions/tier-sync';
import { PpvPricing } from './services/purchases/ppv-pricing';
import { PurchaseRepository } from './services/purchases/purchase-repository';
import { PurchaseService } from './services/purchases/purchase-service';
import { composeLive } from './services/live/live-feature';
import type { LiveRelay, PlaybackTokens } from './services/live/live-relay';

export interface CompositionOptions {
  readonly attemptLimiter: AttemptLimiter;
  readonly mailer: Mailer;
  /** The fans' address (for links in mails). */
  readonly publicUrl: () => string;
  /** Work that outlives its request (a mail); the server waits for it before closing. */
  readonly inBackground: (task: Promise<void>) => void;
  /** How fans pay: the sandbox rail, or Stripe when configured. */
  readonly paymentRail: PaymentRail;
  /** What the fan web's card part is told: the sandbox's form, or Stripe Elements with the publishable key. */
  readonly cardEntry: CardEntryConfig;
  /** The platform's fee in basis points. */
  readonly feeBasisPoints: number;
  readonly clock: Clock;
  /** Work in the background failed (a feed flush): logged, retried by its own loop. */
  readonly onBackgroundError: (error: unknown) => void;
  /** Uploads, storage, processing and signed delivery of media. */
  readonly media: MediaOptions;
  /** The RTMP relay and its playback tokens; null: the server runs without one (tests that do not stream). */
  readonly relay?: { readonly relay: LiveRelay; readonly tokens: PlaybackTokens } | null;
}

/** Work the server runs beside requests: started after listening, stopped before the database closes. */
export interface BackgroundWork {
  start(): void;
  stop(): Promise<void>;
}

/**
 * The composition root: every service of the server, built once from the database and the adapters. Each
 * feature's block builds its repositories (one per table) and use cases, and registers its synced kinds and
 * HTTP routes; the sync service, the tRPC dispatch and the HTTP server take those lists without naming a
 * feature. A new feature adds its folder under `services/`, its block here and its router slice.
 */
export function composeServices(db: Kysely<Database>, pubsub: PubSub, options: CompositionOptions) {
  const feed = new ChangeFeed(db, pubsub);
  const actingFor = new ActingForPolicy();

  // accounts
  const accountRepository = new AccountRepository(db);
  const sessionRepository = new SessionRepository(db);
  const accounts = new AccountService(
    db,
    accountRepository,
    sessionRepository,
    options.attemptLimiter,
    pubsub,
  );
  const passwordResets = new PasswordResetService({
    db,
    accounts: accountRepository,
    sessions: sessionRepository,
    resets: new PasswordResetRepository(db),
    accountService: accounts,
    limiter: options.attemptLimiter,
    mailer: options.mailer,
    publicUrl: options.publicUrl,
    inBackground: options.inBackground,
  });

  // posts: with their media, scheduled publishing and expiry (PostJobs run in the scheduler below)
  const postRepository = new PostRepository(db, options.clock);
  const postMedia = new PostMediaRepository();
  const postDeps = { db, posts: postRepository, postMedia, mediaCheck: new PostMediaCheck(), feed };
  const postWriter = new PostWriter({
    ...postDeps,
    jobs: new ScheduledJobRepository(db),
    clock: options.clock,
  });
  const posts = new PostService({ ...postDeps, writer: postWriter, actingFor, clock: options.clock });
  const postJobs = new PostJobs({ ...postDeps, writer: postWriter, jobs: new ScheduledJobRepository(db) });

  // profiles
  const profileRepository = new ProfileRepository(db);
  const profiles = new ProfileService(db, profileRepository, accountRepository, actingFor, feed);

  // money: the ledger, fans' payments on the configured rail, tips
  const outbox = new FeedOutbox(db, feed, options.onBackgroundError);
  const ledger = new LedgerService(new LedgerRepository());
  const payments = new PaymentService({
    db,
    payments: new PaymentRepository(),
    ledger,
    rail: options.paymentRail,
    outbox,
    clock: options.clock,
    feeBasisPoints: options.feeBasisPoints,
    actingFor,
  });
  const tips = new TipService({
    db,
    tips: new TipRepository(),
    accounts: accountRepository,
    posts: postRepository,
    payments,
    actingFor,
    clock: options.clock,
    feed,
  });
  payments.register(tips.purpose());
  const jobs = new ScheduledJobRepository(db);
  const subscriptions = new SubscriptionService({
    db,
    tiers: new TierRepository(),
    promos: new PromoRepository(),
    subscriptions: new SubscriptionRepository(),
    jobs,
    payments,
    accounts: accountRepository,
    actingFor,
    clock: options.clock,
  });
  payments.register(subscriptions.purpose());
  // the creator's offers: tiers and promo codes, edited on the web or synced from the studio
  const tiers = new TierService({ db, tiers: new TierRepository(), actingFor, feed, clock: options.clock });
  const promos = new PromoService({
    db,
    promos: new PromoRepository(),
    tiers: new TierRepository(),
    actingFor,
    feed,
    clock: options.clock,
  });
  // pay-per-view: a post's price less the fan's tier discount; the purchase is written when its payment settles
  const ppvPricing = new PpvPricing(new SubscriptionRepository(), new TierRepository());
  const purchases = new PurchaseService({
    db,
    purchases: new PurchaseRepository(),
    posts: postRepository,
    payments,
    pricing: ppvPricing,
    clock: options.clock,
  });
  payments.register(purchases.purpose());
  // fans' receipts: reads over the payments and what they paid for
  const receipts = new ReceiptService(new ReceiptRepository(db));
  // media: tus uploads at /uploads, processing as a scheduled job, signed delivery at /media; read by posts' pages
  const media = composeMedia({
    db,
    accounts,
    actingFor,
    outbox,
    jobs,
    clock: options.clock,
    options: options.media,
  });
  // live: streams (lifecycle, keys, tickets, who may watch) and their chat, over the relay when there is one
  const live = composeLive({
    db,
    pubsub,
    feed,
    outbox,
    actingFor,
    accounts: accountRepository,
    viewerFacts: new ViewerFactsService(db),
    tiers: new TierRepository(),
    purchases: new PurchaseRepository(),
    payments,
    tips,
    jobs,
    clock: options.clock,
    relay: options.relay?.relay ?? null,
    tokens: options.relay?.tokens ?? null,
  });
  // Work that runs at a time (renewals, grace ends), by the features that own it.
  const scheduler = new Scheduler({
    db,
    clock: options.clock,
    handlers: {
      ...subscriptions.jobHandlers(),
      ...postJobs.jobHandlers(),
      ...media.jobHandlers(),
      ...live.jobHandlers,
    },
    batchHandlers: { ...subscriptions.batchJobHandlers() },
    // A transcode takes minutes: media runs in a lane of its own, so renewals and scheduled posts due
    // meanwhile are not held up behind it.
    lanes: [{ kinds: media.laneKinds, concurrency: options.media.processingConcurrency }],
  });

  // creators: public pages and follows
  const followRepository = new FollowRepository(db);
  const creatorPages = new CreatorPageService(
    profileRepository,
    postRepository,
    followRepository,
    new ViewerFactsService(db),
    new TierRepository(),
    ppvPricing,
    options.clock,
    db,
    new PageMediaReader(postMedia, media.repository, media.urls),
  );
  const follows = new FollowService(accountRepository, followRepository);

  // sync: every kind the studio may change, by the features that own them
  const kinds = new SyncedKinds([
    postSyncedKind(posts),
    profileSyncedKind(profiles),
    tierSyncedKind(tiers),
    promoSyncedKind(promos),
    tipSettingsSyncedKind(tips),
    live.streams.syncedKind,
    live.chat.settingsSyncedKind,
  ]);
  const sync = new SyncService(db, kinds, actingFor, new AppliedMutationRepository(), feed);

  const services = {
    accounts,
    passwordResets,
    posts,
    postJobs,
    profiles,
    creatorPages,
    follows,
    sync,
    feed,
    actingFor,
    ledger,
    payments,
    tips,
    outbox,
    subscriptions,
    tiers,
    promos,
    purchases,
    receipts,
    scheduler,
    media,
    live,
    cardEntry: options.cardEntry,
  };
  const routes: readonly FeatureRoutes[] = [
    creatorPageRoutes(creatorPages),
    changeFeedRoutes(sync, accounts),
    ...(hasWebhooks(options.paymentRail) ? [stripeWebhookRoutes(payments, options.paymentRail)] : []),
    ...media.routes,
    ...live.routes,
  ];
  const background: readonly BackgroundWork[] = [
    // Server-written changes (payments) a crash left in the outbox go out on the next tick.
    { start: () => outbox.start(1_000), stop: () => outbox.stop() },
    { start: () => scheduler.start(1_000), stop: () => scheduler.stop() },
    ...live.background,
  ];
  return { services, routes, background };
}

/** A rail that is told of events by webhooks (Stripe) carries their parser. */
function hasWebhooks(rail: PaymentRail): rail is PaymentRail & WebhookParser {
  return typeof (rail as Partial<WebhookParser>).parseWebhook === 'function';
}

export type Services = ReturnType<typeof composeServices>['services'];
