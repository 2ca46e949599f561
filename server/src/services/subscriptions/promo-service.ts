import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import { ConflictError, NotFoundError, PermissionDeniedError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { amount } from '@shared/domain/money';
import {
  assertPromoExpiresLater,
  PROMO_KIND,
  type PromoDraft,
  type PromoSnapshot,
} from '@shared/domain/subscriptions/promo';
import { isUniqueViolation } from '../../db/postgres-errors';
import type { Database } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountView } from '../accounts/account-service';
import type { ChangeFeed } from '../sync/change-feed';
import type { PromoRecord, PromoRepository } from './promo-repository';
import type { TierRepository } from './tier-repository';

/** Promo codes are in the currency of the tiers they apply to: USD today. */
const CURRENCY = 'USD';

/** The promo code after a change, and the seq of the change it appended (null: nothing changed). */
export interface PromoOutcome {
  readonly promo: PromoRecord;
  readonly seq: number | null;
}

/**
 * A creator's promo codes, from the web (`subscriptions.createPromo`) or a synced studio mutation: created
 * once, then only deactivated; each change appends to the creator's change feed. The rules of a code's fields
 * are the shared `promoDraftSchema`; the ones that need the server's data (the tier, the clock, uniqueness)
 * are checked here.
 */
export class PromoService {
  constructor(
    private readonly deps: {
      readonly db: Kysely<Database>;
      readonly promos: PromoRepository;
      readonly tiers: TierRepository;
      readonly actingFor: ActingForPolicy;
      readonly feed: ChangeFeed;
      readonly clock: Clock;
    },
  ) {}

  async create(actor: AccountView, creatorId: string, draft: PromoDraft): Promise<void> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'finance');
    const { seq } = await this.deps.db
      .transaction()
      .execute((trx) => this.createIn(trx, creatorId, newId(), draft, null));
    if (seq !== null) this.deps.feed.announce(creatorId, seq);
  }

  /**
   * A new code with the id its creator (or their studio) chose, in the caller's transaction, for an actor
   * already authorized; appends to the feed. A code the creator has already is a ConflictError.
   */
  async createIn(
    trx: Transaction<Database>,
    creatorId: string,
    promoId: string,
    draft: PromoDraft,
    mutationId: string | null,
  ): Promise<PromoOutcome> {
    const { promos, tiers, clock } = this.deps;
    assertPromoExpiresLater(draft, clock.now());
    if (draft.tierId !== null) {
      const tier = await tiers.find(trx, draft.tierId);
      if (!tier || tier.creatorId !== creatorId) throw new PermissionDeniedError('No such tier of yours');
    }
    if (await promos.findById(trx, promoId, CURRENCY)) {
      throw new ConflictError('A promo code with this id already exists');
    }
    const taken = new ConflictError(`The code ${draft.code} exists already`);
    if (await promos.findByCode(trx, creatorId, draft.code, CURRENCY)) throw taken;
    let promo: PromoRecord;
    try {
      promo = await promos.insert(trx, {
        id: promoId,
        creatorId,
        code: draft.code,
        discount:
          draft.percentOff !== null
            ? { percentOff: draft.percentOff }
            : { amountOff: amount(CURRENCY, BigInt(draft.amountOff ?? '0')) },
        tierId: draft.tierId,
        maxUses: draft.maxUses,
        expiresAt: draft.expiresAt === null ? null : new Date(draft.expiresAt),
        createdAt: clock.now(),
        currency: CURRENCY,
      });
    } catch (error) {
      // The same code created at the same moment elsewhere.
      if (isUniqueViolation(error)) throw taken;
      throw error;
    }
    return { promo, seq: await this.#append(trx, promo, mutationId) };
  }

  /** Takes a code out of use (fans can no longer apply it), in the caller's transaction. Twice is a no-op. */
  async deactivateIn(
    trx: Transaction<Database>,
    creatorId: string,
    promoId: string,
    mutationId: string | null,
  ): Promise<PromoOutcome> {
    const current = await this.deps.promos.findById(trx, promoId, CURRENCY, { lock: true });
    if (!current) throw new NotFoundError('No such promo code');
    if (current.creatorId !== creatorId) {
      throw new PermissionDeniedError('This promo code belongs to another creator');
    }
    if (current.archived) return { promo: current, seq: null };
    const promo = await this.deps.promos.deactivate(trx, promoId, CURRENCY, this.deps.clock.now());
    return { promo, seq: await this.#append(trx, promo, mutationId) };
  }

  #append(trx: Transaction<Database>, promo: PromoRecord, mutationId: string | null): Promise<number> {
    return this.deps.feed.append(
      trx,
      promo.creatorId,
      { entity: PROMO_KIND.entity, op: 'upsert', id: promo.id, data: toPromoSnapshot(promo) },
      mutationId,
    );
  }
}

/** The shared snapshot of a promo code: what the change feed carries. */
export function toPromoSnapshot(promo: PromoRecord): PromoSnapshot {
  const { discount } = promo;
  return {
    id: promo.id,
    creatorId: promo.creatorId,
    code: promo.code,
    percentOff: 'percentOff' in discount ? discount.percentOff : null,
    amountOff: 'amountOff' in discount ? discount.amountOff.minor.toString() : null,
    currency: CURRENCY,
    tierId: promo.tierId,
    maxUses: promo.maxUses,
    expiresAt: promo.expiresAt?.toISOString() ?? null,
    active: !promo.archived,
    version: promo.version,
    createdAt: promo.createdAt.toISOString(),
  };
}
