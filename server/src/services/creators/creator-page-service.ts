import { z } from 'zod';
import { describeRule } from '@shared/domain/access/describe';
import { evaluate } from '@shared/domain/access/evaluate';
import type { AccessFacts, AccessRule } from '@shared/domain/access/rule';
import { NotFoundError, ValidationError } from '@shared/domain/errors';
import type { ProfileLink } from '@shared/domain/profile/profile';
import type { AccountView } from '../accounts/account-service';
import type { PageCursor, PostRepository } from '../posts/post-repository';
import type { ProfileRepository } from '../profiles/profile-repository';
import { toProfileSnapshot } from '../profiles/profile-service';
import type { FollowRepository } from './follow-repository';
import type { Clock } from '@shared/domain/clock';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { NO_FACTS, type ViewerFactsService } from '../access/viewer-facts';
import type { TierRecord, TierRepository } from '../subscriptions/tier-repository';
import { PpvPricing } from '../purchases/ppv-pricing';
import { toPostPrice } from '../posts/post-snapshot';
import type { OpenPageMedia, PageMedia, PageMediaReader } from './page-media';

export type { OpenPageMedia, PageMedia } from './page-media';

export type PageEntry =
  | {
      id: string;
      title: string;
      publishedAt: string;
      access: 'open';
      body: string;
      /** The post's ready media in order, with signed URLs of the items themselves. */
      media: OpenPageMedia[];
    }
  | {
      id: string;
      title: string;
      publishedAt: string;
      access: 'locked';
      /** The post's ready media in order: public thumbs and previews only, never a signed URL. */
      media: PageMedia[];
      /** What unlocks it, in words ("Followers"), from the post's access rule. */
      unlockHint: string;
      /** Following the creator (free) would open it, so the page can offer exactly that. */
      unlocksByFollowing: boolean;
      /** The lowest tier whose subscription opens it, with its price, so the page offers exactly that. */
      unlockTier?: { id: string; name: string; currency: string; monthlyPrice: string } | null;
      /**
       * What buying the post costs this viewer, when buying it would open it: the post's price less the tier
       * discount of their subscription (`fullAmount` is the price before it). Minor units as text.
       */
      buyPrice?: { currency: string; amount: string; fullAmount: string; discountBps: number } | null;
    };

/** A creator as their page shows them: name, handle and profile. */
export interface PublicCreator {
  id: string;
  handle: string;
  displayName: string;
  bio: string;
  links: readonly ProfileLink[];
  accentColor: string;
}

export interface CreatorPage {
  creator: PublicCreator;
  viewer: { signedIn: boolean; isOwner: boolean; isFollower: boolean };
  posts: PageEntry[];
  nextCursor: string | null;
}

export interface CreatorPageQuery {
  readonly handle: string;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string | null | undefined;
  readonly limit: number;
}

const CURSOR_SEPARATOR = '~';

/** The page cursor: the last shown entry's publishedAt and id, e.g. `2026-11-24T18:00:00.123Z~<uuid>`. */
export function formatPageCursor(publishedAt: string, id: string): string {
  return `${publishedAt}${CURSOR_SEPARATOR}${id}`;
}

/**
 * Reads a cursor strictly: a UTC timestamp with a four-digit year (what `toISOString` writes for any date
 * PostgreSQL holds; `new Date` alone would take `+275760-…`) and a UUID (not just 36 hex characters), so
 * nothing that reaches the query can fail there.
 */
export function parsePageCursor(cursor: string): PageCursor {
  const [at = '', id = '', ...rest] = cursor.split(CURSOR_SEPARATOR);
  const publishedAt = new Date(at);
  if (
    rest.length > 0 ||
    !CURSOR_TIMESTAMP.test(at) ||
    Number.isNaN(publishedAt.getTime()) ||
    !z.uuid().safeParse(id).success
  ) {
    throw new ValidationError('cursor is not one this server gave out', 'cursor');
  }
  return { publishedAt, id };
}
const CURSOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A creator's public page as one viewer may see it, read through the feature repositories. */
export class CreatorPageService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly posts: PostRepository,
    private readonly follows: FollowRepository,
    private readonly viewerFacts: ViewerFactsService,
    private readonly tiers: TierRepository,
    private readonly ppvPricing: PpvPricing,
    private readonly clock: Clock,
    private readonly db: Kysely<Database>,
    private readonly pageMedia: PageMediaReader,
  ) {}

  /** The creator behind a handle with their profile, for the page and its server-rendered head. */
  async creator(handle: string): Promise<PublicCreator> {
    const record = await this.profiles.findByHandle(handle.toLowerCase());
    if (!record) throw new NotFoundError(`No creator @${handle}`);
    const { displayName, bio, links, accentColor } = toProfileSnapshot(record);
    return { id: record.creatorId, handle: record.handle, displayName, bio, links, accentColor };
  }

  /**
   * Posts fans may see (published, not deleted, not past their expiry), newest first. Each post's access rule
   * is evaluated for this viewer; a locked entry carries only a hint of what unlocks it and its media's public
   * thumbs and previews, never the body or a signed URL.
   */
  async page(viewer: AccountView | null, query: CreatorPageQuery): Promise<CreatorPage> {
    const after = query.cursor ? parsePageCursor(query.cursor) : null;
    const creator = await this.creator(query.handle);
    const isOwner = viewer?.id === creator.id;
    const now = this.clock.now();
    const [isFollower, rows, held] = await Promise.all([
      viewer && !isOwner ? this.follows.isFollowing(viewer.id, creator.id) : false,
      this.posts.publishedPage(creator.id, after, query.limit + 1, now),
      viewer && !isOwner ? this.viewerFacts.factsFor(viewer.id, creator.id, now) : NO_FACTS,
    ]);

    const facts: AccessFacts = {
      now,
      isOwner,
      isFollower,
      ...held,
      // NFT holdings arrive with the on-chain issue.
      holdings: new Map(),
    };
    // Tiers are read only when something is locked (an anonymous visitor's page of open posts reads none);
    // archived ones too, since a rule may still name one.
    let tiersOfCreator: TierRecord[] | null = null;
    const loadTiers = async () =>
      (tiersOfCreator ??= await this.tiers.ofCreator(this.db, creator.id, { archived: true }));
    const tierThatOpens = async (rule: AccessRule) => {
      const offers = (await loadTiers()).filter((t) => !t.archived);
      const tierRanks = new Map(offers.map((t) => [t.id, t.rank]));
      const tier = offers.find((t) =>
        evaluate(rule, {
          ...facts,
          isFollower: true,
          tierRanks,
          subscription: { tierId: t.id, rank: t.rank },
        }),
      );
      return tier
        ? {
            id: tier.id,
            name: tier.name,
            currency: tier.monthlyPrice.currency,
            monthlyPrice: tier.monthlyPrice.minor.toString(),
          }
        : null;
    };
    const hintOf = async (rule: AccessRule) => {
      if (!JSON.stringify(rule).includes('"minTier"')) return describeRule(rule);
      const names = new Map((await loadTiers()).map((t) => [t.id, t.name]));
      return describeRule(rule, { tierName: (id) => names.get(id) });
    };
    // The viewer's tier discount, read once and only when a locked post is for sale.
    let discountBps: number | null = null;
    const buyPrice = async (row: (typeof rows)[number], rule: AccessRule) => {
      const price = toPostPrice(row);
      if (!price) return null;
      const purchasedItemIds = new Set([...facts.purchasedItemIds, row.id]);
      if (!evaluate(rule, { ...facts, purchasedItemIds })) return null; // buying alone would not open it
      discountBps ??= viewer ? await this.ppvPricing.discountBps(this.db, viewer.id, creator.id) : 0;
      const charge = PpvPricing.charge(price, discountBps);
      if (charge.minor === 0n) return null;
      return {
        currency: charge.currency,
        amount: charge.minor.toString(),
        fullAmount: price.minor,
        discountBps,
      };
    };
    const shown = rows.slice(0, query.limit);
    const media = await this.pageMedia.load(
      this.db,
      creator.id,
      shown.map((row) => row.id),
    );
    const posts: PageEntry[] = [];
    for (const row of shown) {
      const rule = row.access_rule as AccessRule;
      const publishedAt = (row.published_at as Date).toISOString();
      if (isOwner || evaluate(rule, facts)) {
        posts.push({
          id: row.id,
          title: row.title,
          publishedAt,
          access: 'open',
          body: row.body,
          media: media.open(row.id, now),
        });
        continue;
      }
      const unlocksByFollowing = !isFollower && evaluate(rule, { ...facts, isFollower: true });
      posts.push({
        id: row.id,
        title: row.title,
        publishedAt,
        access: 'locked',
        media: media.locked(row.id),
        unlockHint: await hintOf(rule),
        unlocksByFollowing,
        unlockTier: unlocksByFollowing ? null : await tierThatOpens(rule),
        buyPrice: await buyPrice(row, rule),
      });
    }
    const last = posts.at(-1);
    return {
      creator,
      viewer: { signedIn: viewer !== null, isOwner, isFollower },
      posts,
      nextCursor: rows.length > query.limit && last ? formatPageCursor(last.publishedAt, last.id) : null,
    };
  }
}
