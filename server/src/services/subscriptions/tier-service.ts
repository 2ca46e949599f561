import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import {
  ConflictError,
  InvalidStateError,
  NotFoundError,
  PermissionDeniedError,
} from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { amount } from '@shared/domain/money';
import { StaleVersionError } from '@shared/domain/sync/kind';
import { TIER_KIND, type TierDraft, type TierSnapshot } from '@shared/domain/subscriptions/tier';
import type { Database } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountView } from '../accounts/account-service';
import type { ChangeFeed } from '../sync/change-feed';
import { toTierView, type TierView } from './subscription-service';
import type { TierColumns, TierRecord, TierRepository } from './tier-repository';

/** The tier after a change, and the seq of the change it appended (null: nothing changed). */
export interface TierOutcome {
  readonly tier: TierRecord;
  readonly seq: number | null;
}

/**
 * A creator's tiers, from the web (`subscriptions.*`) or a synced studio mutation: every accepted change bumps
 * the tier's version and appends it to the creator's change feed, so each side sees the other's. The rules of
 * a tier's fields are the shared `tierDraftSchema`, which both callers parse with.
 */
export class TierService {
  constructor(
    private readonly deps: {
      readonly db: Kysely<Database>;
      readonly tiers: TierRepository;
      readonly actingFor: ActingForPolicy;
      readonly feed: ChangeFeed;
      readonly clock: Clock;
    },
  ) {}

  async create(actor: AccountView, creatorId: string, draft: TierDraft): Promise<TierView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'finance');
    return this.#run(creatorId, (trx) => this.createIn(trx, creatorId, newId(), draft, null));
  }

  /** Replaces a tier's fields over whatever version it has (the web edits the latest). */
  async update(actor: AccountView, creatorId: string, tierId: string, draft: TierDraft): Promise<TierView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'finance');
    return this.#run(creatorId, (trx) => this.updateIn(trx, creatorId, tierId, draft, null, null));
  }

  async archive(actor: AccountView, creatorId: string, tierId: string): Promise<void> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'finance');
    await this.#run(creatorId, (trx) => this.archiveIn(trx, creatorId, tierId, null));
  }

  // The `…In` methods run inside the caller's transaction, for an actor already authorized for `creatorId`,
  // and append to the creator's feed (the caller announces after commit). Every check comes before a write.

  /** A new tier with the id its creator (or their studio) chose. */
  async createIn(
    trx: Transaction<Database>,
    creatorId: string,
    tierId: string,
    draft: TierDraft,
    mutationId: string | null,
  ): Promise<TierOutcome> {
    if (await this.deps.tiers.find(trx, tierId))
      throw new ConflictError('A tier with this id already exists');
    const tier = await this.deps.tiers.insert(
      trx,
      tierId,
      creatorId,
      columnsOf(draft),
      this.deps.clock.now(),
    );
    return { tier, seq: await this.#append(trx, tier, mutationId) };
  }

  /**
   * Replaces a tier's fields if it is still at `baseVersion` (null: any version); a StaleVersionError with the
   * server's tier otherwise. A new price applies to new subscribers only: each subscription keeps its price.
   */
  async updateIn(
    trx: Transaction<Database>,
    creatorId: string,
    tierId: string,
    draft: TierDraft,
    baseVersion: number | null,
    mutationId: string | null,
  ): Promise<TierOutcome> {
    const current = await this.#ownTier(trx, creatorId, tierId);
    if (current.archived) {
      throw new InvalidStateError(
        'This tier is archived: it takes no new subscribers and can no longer be edited',
      );
    }
    if (baseVersion !== null && current.version !== baseVersion) {
      throw new StaleVersionError(toTierSnapshot(current), 'tier', current.version);
    }
    const tier = await this.deps.tiers.update(trx, tierId, columnsOf(draft), this.deps.clock.now());
    return { tier, seq: await this.#append(trx, tier, mutationId) };
  }

  /** An archived tier takes no new subscribers; its subscribers keep it until they leave. Archiving twice is a no-op. */
  async archiveIn(
    trx: Transaction<Database>,
    creatorId: string,
    tierId: string,
    mutationId: string | null,
  ): Promise<TierOutcome> {
    const current = await this.#ownTier(trx, creatorId, tierId);
    if (current.archived) return { tier: current, seq: null };
    const tier = await this.deps.tiers.archive(trx, tierId, this.deps.clock.now());
    return { tier, seq: await this.#append(trx, tier, mutationId) };
  }

  async #run(
    creatorId: string,
    change: (trx: Transaction<Database>) => Promise<TierOutcome>,
  ): Promise<TierView> {
    const { tier, seq } = await this.deps.db.transaction().execute(change);
    if (seq !== null) this.deps.feed.announce(creatorId, seq);
    return toTierView(tier);
  }

  async #ownTier(trx: Transaction<Database>, creatorId: string, tierId: string): Promise<TierRecord> {
    const tier = await this.deps.tiers.find(trx, tierId, { lock: true });
    if (!tier) throw new NotFoundError('No such tier');
    if (tier.creatorId !== creatorId) throw new PermissionDeniedError('This tier belongs to another creator');
    return tier;
  }

  #append(trx: Transaction<Database>, tier: TierRecord, mutationId: string | null): Promise<number> {
    const data = toTierSnapshot(tier);
    return this.deps.feed.append(
      trx,
      tier.creatorId,
      { entity: TIER_KIND.entity, op: 'upsert', id: tier.id, data },
      mutationId,
    );
  }
}

/** The shared snapshot of a tier: what the change feed carries and a conflict hands back. */
export function toTierSnapshot(tier: TierRecord): TierSnapshot {
  return {
    id: tier.id,
    creatorId: tier.creatorId,
    name: tier.name,
    description: tier.description,
    perks: [...tier.perks],
    rank: tier.rank,
    currency: 'USD',
    monthlyPrice: tier.monthlyPrice.minor.toString(),
    annualPrice: tier.annualPrice?.minor.toString() ?? null,
    trialDays: tier.trialDays,
    ppvDiscountBps: tier.ppvDiscountBps,
    archived: tier.archived,
    version: tier.version,
    updatedAt: tier.updatedAt.toISOString(),
  };
}

function columnsOf(draft: TierDraft): TierColumns {
  return {
    name: draft.name,
    description: draft.description,
    perks: draft.perks,
    rank: draft.rank,
    monthlyPrice: amount('USD', BigInt(draft.monthlyPrice)),
    annualPrice: draft.annualPrice === null ? null : amount('USD', BigInt(draft.annualPrice)),
    trialDays: draft.trialDays,
    ppvDiscountBps: draft.ppvDiscountBps,
  };
}
