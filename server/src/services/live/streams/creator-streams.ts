import type { Kysely } from 'kysely';
import { NotFoundError } from '@shared/domain/errors';
import type { Database } from '../../../db/schema';
import type { AccountRepository } from '../../accounts/account-repository';
import type { AccountView } from '../../accounts/account-service';
import type { TierRepository } from '../../subscriptions/tier-repository';
import type { StreamRepository } from './stream-repository';
import { unlockOf, type StreamUnlock } from './stream-unlocks';
import { toPublicStreamView, type PublicStreamView } from './stream-views';
import type { StreamWatching } from './stream-watching';

/** One stream on a creator's page: open to this viewer, or with what unlocks it. */
export type CreatorPageStream =
  | { readonly stream: PublicStreamView; readonly access: 'open' }
  | { readonly stream: PublicStreamView; readonly access: 'locked'; readonly unlock: StreamUnlock };

/** The most streams a creator's page lists (live ones first, then the next scheduled). */
export const PAGE_STREAMS = 20;

/** A creator's live and upcoming streams as their page shows them to one viewer. */
export class CreatorStreams {
  constructor(
    private readonly deps: {
      readonly db: Kysely<Database>;
      readonly accounts: AccountRepository;
      readonly streams: StreamRepository;
      readonly tiers: TierRepository;
      readonly watching: StreamWatching;
    },
  ) {}

  /** Live streams first, then scheduled ones by their planned time; gated ones say what unlocks them. */
  async forCreator(viewer: AccountView | null, handle: string): Promise<CreatorPageStream[]> {
    const { db, accounts, streams, tiers, watching } = this.deps;
    const creator = await accounts.findCreatorByHandle(handle.toLowerCase());
    if (!creator) throw new NotFoundError(`No creator @${handle}`);
    const rows = await streams.upcomingOfCreator(creator.id, PAGE_STREAMS);
    const decisions = await watching.decideEach(viewer, creator.id, rows);
    return Promise.all(
      rows.map(async (row, index): Promise<CreatorPageStream> => {
        const stream = toPublicStreamView(row);
        const decision = decisions[index]!;
        if (decision.open) return { stream, access: 'open' };
        return { stream, access: 'locked', unlock: await unlockOf(db, tiers, row, decision.facts) };
      }),
    );
  }
}
