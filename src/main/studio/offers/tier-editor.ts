import type Database from 'better-sqlite3';
import { InvalidStateError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import type { LocalTier } from '@shared/domain/subscriptions/local-offers';
import {
  TIER_KIND,
  tierDraftSchema,
  type TierDraft,
  type TierSnapshot,
} from '@shared/domain/subscriptions/tier';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import type { Outbox } from '../sync/outbox';
import { parseDraft, SyncedEntities } from '../sync/synced-entity-editor';
import { tierDraftColumns, tierDraftOfRow, toLocalTier, type TierRow, type TierTable } from './tier-table';

const ARCHIVED = 'This tier is archived: it takes no new subscribers and can no longer be edited';

/**
 * The creator's subscription tiers in the studio, offline or online. Every change writes the tier's row and
 * its outbox mutation in one transaction; the studio makes a new tier's id, so it is named before it syncs.
 */
export class TierEditor {
  private readonly entities: SyncedEntities<TierRow, TierSnapshot, TierDraft, LocalTier, { type: 'archive' }>;

  constructor(
    db: Database.Database,
    private readonly tiers: TierTable,
    private readonly outbox: Outbox,
    private readonly creatorId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.entities = new SyncedEntities(db, outbox, {
      entity: TIER_KIND.entity,
      table: tiers,
      toLocal: toLocalTier,
      words: {
        notFound: (id) => `Tier ${id} was not found`,
        idTaken: 'A tier with this id already exists',
        named: (row) => `Tier ${row.name}`,
      },
    });
  }

  /** Every tier, the ones taking subscribers first. */
  list(): LocalTier[] {
    return this.tiers.list().map(toLocalTier);
  }

  /** The tiers with these ids, and the ids that are gone (a tier the server never had, removed). */
  byIds(ids: readonly string[]): { tiers: LocalTier[]; gone: string[] } {
    const { found, gone } = this.entities.byIds(ids);
    return { tiers: found, gone };
  }

  /** Writes a new tier and queues its creation on the server. */
  create(input: unknown, id: string = newId()): LocalTier {
    const draft = parseDraft(tierDraftSchema, input);
    const row: TierRow = {
      id,
      creator_id: this.creatorId,
      ...tierDraftColumns(draft),
      archived: 0,
      version: 0,
      confirmed_version: null,
      updated_at: this.now().toISOString(),
      sync_state: 'pending',
      sync_error: null,
      server_copy: null,
    };
    return this.entities.create(row, draft);
  }

  /**
   * Replaces a tier's fields. A new price applies to new subscribers only. In a conflict it only edits the
   * creator's side until they choose; a tier the server refused to create is created again.
   */
  update(id: string, input: unknown): LocalTier {
    const draft = parseDraft(tierDraftSchema, input);
    return this.entities.transaction(() => {
      const before = this.entities.row(id);
      if (before.archived) throw new InvalidStateError(ARCHIVED);
      const row = { ...before, ...tierDraftColumns(draft), updated_at: this.now().toISOString() };
      return this.entities.saveDraft(before, row, draft);
    });
  }

  /**
   * Takes a tier out of sale: no new subscribers, and no more edits; its subscribers keep it. A tier the server
   * never had just goes (null).
   */
  archive(id: string): LocalTier | null {
    return this.entities.transaction(() => {
      const before = this.entities.row(id);
      if (before.archived) return toLocalTier(before);
      if (this.entities.serverLacks(before)) {
        this.tiers.remove(id);
        return null;
      }
      // Archiving is final whatever changed meanwhile: it settles a conflict or a refusal too.
      this.outbox.dropFor(TIER_KIND.entity, id);
      const row = { ...before, archived: 1, server_copy: null, updated_at: this.now().toISOString() };
      return this.entities.write(row, { type: 'archive' });
    });
  }

  /** Settles a conflict: 'server' takes the server's tier, 'mine' sends the creator's fields over it. */
  resolveConflict(id: string, keep: ConflictChoice): LocalTier {
    return this.entities.resolveConflict(id, keep, {
      draftOf: tierDraftOfRow,
      refuseMine: (server) => (server.archived ? `${ARCHIVED}: keep the server's version` : null),
    });
  }
}
