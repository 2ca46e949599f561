import type { Kysely } from 'kysely';
import { HANDLE_PATTERN } from '@shared/domain/accounts/account-fields';
import type { StreamStatus } from '@shared/domain/live/stream';
import type { Database } from '../../db/schema';
import type { FeatureRoutes } from '../../http/feature-routes';
import { summarize } from '../../http/page-head';

/** What the watch page's head says about a stream: its title, its creator, and where it stands. */
export interface WatchHead {
  readonly title: string;
  readonly status: StreamStatus;
  readonly scheduledFor: Date | null;
  readonly creatorName: string;
  readonly creatorHandle: string;
}

/** Finds the head of a stream shown at a creator's address; null for no such stream there, or a cancelled one. */
export type FindWatchHead = (handle: string, streamId: string) => Promise<WatchHead | null>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `/c/:handle/live/:streamId`: the fan app's watch page, with a head naming the stream and its creator (title,
 * description, Open Graph and Twitter card) so a shared link previews well, and 404 for a stream that is not
 * there: unknown, cancelled, or another creator's. Gated streams are found too (their page says what unlocks
 * them); the head carries only what every visitor of the page may read, the title and the creator.
 */
export function watchPageRoutes(findHead: FindWatchHead): FeatureRoutes {
  return (app, { webApp }) => {
    app.get<{ Params: { handle: string; streamId: string } }>(
      '/c/:handle/live/:streamId',
      async (request, reply) => {
        const handle = request.params.handle.trim().replace(/^@/, '').toLowerCase();
        const streamId = request.params.streamId.toLowerCase();
        const path = `/c/${encodeURIComponent(handle)}/live/${encodeURIComponent(streamId)}`;
        // Checked before the database sees them: a malformed id would be a type error there, not a miss.
        const head =
          HANDLE_PATTERN.test(handle) && UUID.test(streamId) ? await findHead(handle, streamId) : null;
        if (!head) {
          return webApp.sendPage(reply, 404, {
            title: 'Stream not found',
            description: 'There is no such live stream on Mesi. It may have been cancelled.',
            path,
            noIndex: true,
          });
        }
        return webApp.sendPage(reply, 200, {
          title: `${head.title} · ${head.creatorName}`,
          description: describe(head),
          path: `/c/${head.creatorHandle}/live/${streamId}`,
        });
      },
    );
  };
}

function describe(head: WatchHead): string {
  const by = `${head.creatorName} (@${head.creatorHandle})`;
  switch (head.status) {
    case 'live':
      return summarize(`${by} is live on Mesi now: ${head.title}`);
    case 'scheduled':
      return summarize(
        head.scheduledFor
          ? `A live stream by ${by} on Mesi, planned for ${head.scheduledFor.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${head.title}`
          : `A live stream by ${by} on Mesi, starting soon: ${head.title}`,
      );
    default:
      return summarize(`A live stream by ${by} on Mesi (ended): ${head.title}`);
  }
}

/** `FindWatchHead` over the database: one read of the stream with its creator, by the creator's handle. */
export function watchHeadsIn(db: Kysely<Database>): FindWatchHead {
  return async (handle, streamId) => {
    const row = await db
      .selectFrom('live_streams as s')
      .innerJoin('accounts as a', 'a.id', 's.creator_id')
      .select(['s.title', 's.status', 's.scheduled_for', 'a.display_name', 'a.handle'])
      .where('s.id', '=', streamId)
      .where('a.handle', '=', handle)
      .where('a.role', '=', 'creator')
      .where('s.status', '!=', 'cancelled')
      .executeTakeFirst();
    if (!row?.handle) return null;
    return {
      title: row.title,
      status: row.status,
      scheduledFor: row.scheduled_for,
      creatorName: row.display_name,
      creatorHandle: row.handle,
    };
  };
}
