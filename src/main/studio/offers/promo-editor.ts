import type Database from 'better-sqlite3';
import { ConflictError, NotFoundError, ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { describeIssues } from '@shared/domain/input-issues';
import type { LocalPromo } from '@shared/domain/subscriptions/local-offers';
import {
  assertPromoExpiresLater,
  PROMO_KIND,
  promoDraftSchema,
  type PromoChange,
  type PromoDraft,
} from '@shared/domain/subscriptions/promo';
import type { Outbox } from '../sync/outbox';
import { promoDraftColumns, toLocalPromo, type PromoRow, type PromoTable } from './promo-table';
import type { TierTable } from './tier-table';

/**
 * The creator's promo codes in the studio, offline or online: created once, then only deactivated. Each change
 * writes the code's row and its outbox mutation in one transaction. What the studio can check (the rules, a
 * code it holds already, the tier) it checks here; the server checks again when the code syncs.
 */
export class PromoEditor {
  constructor(
    private readonly db: Database.Database,
    private readonly promos: PromoTable,
    private readonly tiers: TierTable,
    private readonly outbox: Outbox,
    private readonly creatorId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every code, the ones in use first. */
  list(): LocalPromo[] {
    return this.promos.list().map(toLocalPromo);
  }

  /** The codes with these ids, and the ids that are gone. */
  byIds(ids: readonly string[]): { promos: LocalPromo[]; gone: string[] } {
    const promos: LocalPromo[] = [];
    const gone: string[] = [];
    for (const id of new Set(ids)) {
      const row = this.promos.find(id);
      if (row) promos.push(toLocalPromo(row));
      else gone.push(id);
    }
    return { promos, gone };
  }

  /** Writes a new code and queues its creation on the server. */
  create(input: unknown, id: string = newId()): LocalPromo {
    const draft = this.check(input);
    const row: PromoRow = {
      id,
      creator_id: this.creatorId,
      ...promoDraftColumns(draft),
      active: 1,
      version: 1,
      confirmed_version: null,
      created_at: this.now().toISOString(),
      sync_state: 'pending',
      sync_error: null,
      server_copy: null,
    };
    return this.db.transaction(() => {
      if (this.promos.find(id)) throw new ConflictError('A promo code with this id already exists');
      if (this.promos.findByCode(draft.code))
        throw new ConflictError(`The code ${draft.code} exists already`);
      return this.write(row, { type: 'create', draft });
    })();
  }

  /** Takes a code out of use: fans can no longer apply it. A code the server never had just goes (null). */
  deactivate(id: string): LocalPromo | null {
    return this.db.transaction(() => {
      const before = this.promos.find(id);
      if (!before) throw new NotFoundError(`Promo code ${id} was not found`);
      if (before.confirmed_version === null && this.outbox.pendingFor(PROMO_KIND.entity, id) === 0) {
        this.promos.remove(id);
        return null;
      }
      if (!before.active) return toLocalPromo(before);
      return this.write({ ...before, active: 0, version: before.version + 1 }, { type: 'deactivate' });
    })();
  }

  private write(row: PromoRow, change: PromoChange): LocalPromo {
    const written: PromoRow = { ...row, sync_state: 'pending', sync_error: null };
    this.promos.save(written);
    this.outbox.enqueue({ id: newId(), entity: PROMO_KIND.entity, entityId: row.id, change });
    return toLocalPromo(written);
  }

  /** The draft, refused here as the server would refuse it, so an offline code never waits in vain. */
  private check(input: unknown): PromoDraft {
    const parsed = promoDraftSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(describeIssues(parsed.error.issues));
    const draft = parsed.data;
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
