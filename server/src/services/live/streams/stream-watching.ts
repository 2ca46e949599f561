import { evaluate } from '@shared/domain/access/evaluate';
import type { AccessFacts, AccessRule } from '@shared/domain/access/rule';
import type { Clock } from '@shared/domain/clock';
import { NotFoundError, PermissionDeniedError } from '@shared/domain/errors';
import { isPlayable } from '@shared/domain/live/stream-lifecycle';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ActingForPolicy } from '../../access/acting-for';
import { NO_FACTS, type ViewerFactsService } from '../../access/viewer-facts';
import { toAccountView, type AccountView } from '../../accounts/account-service';
import type { AccountRepository } from '../../accounts/account-repository';
import type { TierRepository } from '../../subscriptions/tier-repository';
import type { LiveRelay, PlaybackTokens } from '../live-relay';
import type { StreamAccess, WatchableStream } from '../stream-access';
import type { StreamRepository, StreamRow } from './stream-repository';
import { describeUnlock, unlockOf, type StreamUnlock } from './stream-unlocks';
import { toPublicStreamView, toWatchable, type PublicStreamView } from './stream-views';

/** Where and until when a viewer may play a live stream. */
export interface Playback {
  readonly token: string;
  /** ISO 8601: players ask `live.watch` again before then. */
  readonly expiresAt: string;
  readonly flv: string;
  readonly hls: string;
}

/**
 * The answer to `live.watch`: the stream as fans see it, and either how to play it (null while there is nothing
 * to play: not live yet, ended, or a server without a relay) or what unlocks it, without any URL.
 */
export type WatchAnswer =
  | { readonly stream: PublicStreamView; readonly access: 'open'; readonly playback: Playback | null }
  | { readonly stream: PublicStreamView; readonly access: 'locked'; readonly unlock: StreamUnlock };

/** A decision on one viewer and one stream: open, or locked with the facts that decided it. */
type Decision = { readonly open: true } | { readonly open: false; readonly facts: AccessFacts };

export interface StreamWatchingDeps {
  readonly db: Kysely<Database>;
  readonly streams: StreamRepository;
  readonly accounts: AccountRepository;
  readonly actingFor: ActingForPolicy;
  readonly viewerFacts: ViewerFactsService;
  readonly tiers: TierRepository;
  readonly clock: Clock;
  readonly relay: LiveRelay | null;
  readonly tokens: PlaybackTokens | null;
}

const NO_SUCH_STREAM = 'No such stream';

/**
 * Who may watch a stream, decided in one place from its access rule and the viewer's facts (follows,
 * subscriptions, tickets, tips): `live.watch` answers with it, and the chat asks it through `StreamAccess`.
 * A cancelled stream is not shown to anyone; a scheduled one is shown (title, time) with nothing to play.
 */
export class StreamWatching implements StreamAccess {
  constructor(private readonly deps: StreamWatchingDeps) {}

  /** Whether `viewer` (null: anonymous) may watch; if so a playback token and URLs while it is live. */
  async watch(viewer: AccountView | null, streamId: string): Promise<WatchAnswer> {
    const row = await this.#visible(streamId);
    const stream = toPublicStreamView(row);
    const decision = await this.#decide(viewer, row);
    if (!decision.open) {
      return {
        stream,
        access: 'locked',
        unlock: await unlockOf(this.deps.db, this.deps.tiers, row, decision.facts),
      };
    }
    return { stream, access: 'open', playback: this.#playback(row, viewer) };
  }

  async requireWatcher(viewerId: string | null, streamId: string): Promise<WatchableStream> {
    const row = await this.#visible(streamId);
    const viewer = viewerId === null ? null : await this.#account(viewerId);
    const decision = await this.#decide(viewer, row);
    if (!decision.open) {
      const unlock = await unlockOf(this.deps.db, this.deps.tiers, row, decision.facts);
      throw new PermissionDeniedError(describeUnlock(unlock, viewer !== null));
    }
    return toWatchable(row);
  }

  async isModerator(accountId: string, stream: WatchableStream): Promise<boolean> {
    const account = await this.#account(accountId);
    if (account && (await this.#actsFor(account, stream.creatorId))) return true;
    const appointed = await this.deps.db
      .selectFrom('live_chat_moderators')
      .select('account_id')
      .where('creator_id', '=', stream.creatorId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return appointed !== undefined;
  }

  /**
   * The same decision for rows already read, all of one creator's (their page): the viewer's facts are read
   * once for all of them.
   */
  async decideEach(
    viewer: AccountView | null,
    creatorId: string,
    rows: readonly StreamRow[],
  ): Promise<Decision[]> {
    const facts = await this.#factsOf(viewer, creatorId);
    return rows.map((row) => this.#evaluate(row, facts));
  }

  async #decide(viewer: AccountView | null, row: StreamRow): Promise<Decision> {
    return this.#evaluate(row, await this.#factsOf(viewer, row.creator_id));
  }

  #evaluate(row: StreamRow, facts: AccessFacts | 'acts for the creator'): Decision {
    if (facts === 'acts for the creator' || evaluate(row.access_rule as AccessRule, facts))
      return { open: true };
    return { open: false, facts };
  }

  /** What the viewer holds with the creator; an account acting for the creator sees every stream of theirs. */
  async #factsOf(
    viewer: AccountView | null,
    creatorId: string,
  ): Promise<AccessFacts | 'acts for the creator'> {
    if (viewer && (await this.#actsFor(viewer, creatorId))) return 'acts for the creator';
    const now = this.deps.clock.now();
    const [isFollower, held] = await Promise.all([
      viewer ? this.#follows(viewer.id, creatorId) : false,
      viewer ? this.deps.viewerFacts.factsFor(viewer.id, creatorId, now) : NO_FACTS,
    ]);
    // NFT holdings arrive with the on-chain issue.
    return { now, isOwner: false, isFollower, ...held, holdings: new Map() };
  }

  #playback(row: StreamRow, viewer: AccountView | null): Playback | null {
    const { relay, tokens } = this.deps;
    if (!isPlayable(row.status) || !relay || !tokens) return null;
    const issued = tokens.issue(row.id, viewer?.id ?? null);
    return {
      token: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
      ...relay.playbackUrls(row.id, issued.token),
    };
  }

  async #visible(streamId: string): Promise<StreamRow> {
    const row = await this.deps.streams.find(this.deps.db, streamId);
    if (!row || row.status === 'cancelled') throw new NotFoundError(NO_SUCH_STREAM);
    return row;
  }

  async #actsFor(account: AccountView, creatorId: string): Promise<boolean> {
    return (await this.deps.actingFor.scopesOf(account, creatorId)).has('live');
  }

  async #account(id: string): Promise<AccountView | null> {
    const row = await this.deps.accounts.findById(this.deps.db, id);
    return row ? toAccountView(row) : null;
  }

  async #follows(fanId: string, creatorId: string): Promise<boolean> {
    const row = await this.deps.db
      .selectFrom('follows')
      .select('fan_id')
      .where('fan_id', '=', fanId)
      .where('creator_id', '=', creatorId)
      .executeTakeFirst();
    return row !== undefined;
  }
}
