import type { Kysely } from 'kysely';
import { describeRule } from '@shared/domain/access/describe';
import { evaluate } from '@shared/domain/access/evaluate';
import type { AccessFacts, AccessRule } from '@shared/domain/access/rule';
import { NotFoundError, ValidationError } from '@shared/domain/errors';
import type { Database } from '../../db/schema';
import type { AccountView } from '../accounts/account-service';

export type PageEntry =
  | { id: string; title: string; publishedAt: string; access: 'open'; body: string }
  | {
      id: string;
      title: string;
      publishedAt: string;
      access: 'locked';
      /** What unlocks it, in words ("Followers"), from the post's access rule. */
      unlockHint: string;
      /** Following the creator (free) would open it, so the page can offer exactly that. */
      unlocksByFollowing: boolean;
    };

export interface CreatorPage {
  creator: { id: string; handle: string; displayName: string };
  viewer: { signedIn: boolean; isOwner: boolean; isFollower: boolean };
  posts: PageEntry[];
  nextCursor: string | null;
}

export interface CreatorPageQuery {
  readonly handle: string;
  /** `nextCursor` of the previous page. */
  readonly before?: string | undefined;
  readonly limit: number;
}

const CURSOR_SEPARATOR = '~';

/** The page cursor: the last shown entry's publishedAt and id, e.g. `2026-11-24T18:00:00.123Z~<uuid>`. */
export function formatPageCursor(publishedAt: string, id: string): string {
  return `${publishedAt}${CURSOR_SEPARATOR}${id}`;
}

export function parsePageCursor(cursor: string): { publishedAt: Date; id: string } {
  const [at = '', id = ''] = cursor.split(CURSOR_SEPARATOR);
  const publishedAt = new Date(at);
  if (Number.isNaN(publishedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new ValidationError('before is not a cursor this server gave out', 'before');
  }
  return { publishedAt, id };
}

/** A creator's public page as one viewer may see it. */
export class CreatorPageService {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Published, not deleted posts, newest first. Each post's access rule is evaluated for this viewer; a locked
   * entry carries only a hint of what unlocks it, never the body.
   */
  async page(viewer: AccountView | null, query: CreatorPageQuery): Promise<CreatorPage> {
    const creator = await this.db
      .selectFrom('accounts')
      .select(['id', 'handle', 'display_name'])
      .where('handle', '=', query.handle.toLowerCase())
      .where('role', '=', 'creator')
      .executeTakeFirst();
    if (!creator || creator.handle === null) throw new NotFoundError(`No creator @${query.handle}`);

    const isOwner = viewer?.id === creator.id;
    const isFollower = viewer
      ? (await this.db
          .selectFrom('follows')
          .select('fan_id')
          .where('fan_id', '=', viewer.id)
          .where('creator_id', '=', creator.id)
          .executeTakeFirst()) !== undefined
      : false;

    let rowsQuery = this.db
      .selectFrom('posts')
      .select(['id', 'title', 'body', 'access_rule', 'published_at'])
      .where('creator_id', '=', creator.id)
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .where('published_at', 'is not', null);
    if (query.before) {
      // Keyset on (published_at, id): posts published in the same millisecond are neither skipped nor repeated.
      const { publishedAt, id } = parsePageCursor(query.before);
      rowsQuery = rowsQuery.where((eb) =>
        eb.or([
          eb('published_at', '<', publishedAt),
          eb.and([eb('published_at', '=', publishedAt), eb('id', '<', id)]),
        ]),
      );
    }
    const rows = await rowsQuery
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();

    const facts: AccessFacts = {
      now: new Date(),
      isOwner,
      isFollower,
      // Subscriptions, purchases, tips and NFT holdings arrive with later issues.
      subscription: null,
      tierRanks: new Map(),
      purchasedItemIds: new Set(),
      tips: [],
      holdings: new Map(),
    };
    const page = rows.slice(0, query.limit);
    const posts = page.map((row): PageEntry => {
      const rule = row.access_rule as AccessRule;
      const publishedAt = (row.published_at as Date).toISOString();
      return isOwner || evaluate(rule, facts)
        ? { id: row.id, title: row.title, publishedAt, access: 'open', body: row.body }
        : {
            id: row.id,
            title: row.title,
            publishedAt,
            access: 'locked',
            unlockHint: describeRule(rule),
            unlocksByFollowing: !isFollower && evaluate(rule, { ...facts, isFollower: true }),
          };
    });
    const last = posts.at(-1);
    return {
      creator: { id: creator.id, handle: creator.handle, displayName: creator.display_name },
      viewer: { signedIn: viewer !== null, isOwner, isFollower },
      posts,
      nextCursor: rows.length > query.limit && last ? formatPageCursor(last.publishedAt, last.id) : null,
    };
  }
}
