import type Database from 'better-sqlite3';
import { ConflictError, ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import type { LocalPromo } from '@shared/domain/subscriptions/local-offers';
import {
  assertPromoExpiresLater,
  PROMO_KIND,
  promoDraftSchema,
  type PromoDraft,
  type PromoSnapshot,
} from '@shared/domain/subscriptions/promo';
import type { Outbox } from '../sync/outbox';
import { parseDraft, SyncedEntities } from '../sync/synced-entity-editor';
import { promoDraftColumns, toLocalPromo, type PromoRow, type PromoTable } from './promo-table';
import type { TierTable } from './tier-table';

/**
 * The creator's promo codes in the studio, offline or online: created once, then only deactivated. Each change
 * writes the code's row and its outbox mutation in one transaction. What the studio can check (the rules, a
 * code it holds already, the tier) it checks here; the server checks again when the code syncs.
 */
export class PromoEditor {
  private readonly entities: SyncedEntities<
    PromoRow,
    PromoSnapshot,
    PromoDraft,
    LocalPromo,
    { type: 'deactivate' }
  >;

  constructor(
    db: Database.Database,
    private readonly promos: PromoTable,
    private readonly tiers: TierTable,
    outbox: Outbox,
    private readonly creatorId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.entities = new SyncedEntities(db, outbox, {
      entity: PROMO_KIND.entity,
      table: promos,
      toLocal: toLocalPromo,
      words: {
        notFound: (id) => `Promo code ${id} was not found`,
        idTaken: 'A promo code with this id already exists',
        named: (row) => `Promo code ${row.code}`,
      },
    });
  }

  /** Every code, the ones in use first. */
  list(): LocalPromo[] {
    return this.promos.list().map(toLocalPromo);
  }

  /** The codes with these ids, and the ids that are gone. */
  byIds(ids: readonly string[]): { promos: LocalPromo[]; gone: string[] } {
    const { found, gone } = this.entities.byIds(ids);
    return { promos: found, gone };
  }

  /** Writes a new code and queues its creation on the server. */
  create(input: unknown, id: string = newId()): LocalPromo {
    const draft = this.check(input);
    const row: PromoRow = {
      id,
      creator_id: this.creatorId,
      ...promoDraftColumns(draft),
      active: 1,
      version: 0,
      confirmed_version: null,
      created_at: this.now().toISOString(),
      sync_state: 'pending',
      sync_error: null,
      server_copy: null,
    };
    return this.entities.create(row, draft, () => {
      if (this.promos.findByCode(draft.code)) {
        throw new ConflictError(`The code ${draft.code} exists already`);
      }
    });
  }

  /** Takes a code out of use: fans can no longer apply it. A code the server never had just goes (null). */
  deactivate(id: string): LocalPromo | null {
    return this.entities.transaction(() => {
      const before = this.entities.row(id);
      if (this.entities.serverLacks(before)) {
        this.promos.remove(id);
        return null;
      }
      if (!before.active) return toLocalPromo(before);
      return this.entities.write({ ...before, active: 0 }, { type: 'deactivate' });
    });
  }

  /** The draft, refused here as the server would refuse it, so an offline code never waits in vain. */
  private check(input: unknown): PromoDraft {
    const draft = parseDraft(promoDraftSchema, input);
    assertPromoExpiresLater(draft, this.now());
    if (draft.tierId !== null) {
      const tier = this.tiers.find(draft.tierId);
      if (!tier) throw new ValidationError('tierId: no such tier of yours', 'tierId');
      if (tier.archived) {
        throw new ValidationError('tierId: this tier is archived and takes no new subscribers', 'tierId');
      }
    }
    return draft;
  }
}
