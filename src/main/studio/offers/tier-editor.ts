import { FIRST_SERVER_VERSION } from '../sync/outbox';
import type Database from 'better-sqlite3';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { describeIssues } from '@shared/domain/input-issues';
import type { LocalTier } from '@shared/domain/subscriptions/local-offers';
import {
  TIER_KIND,
  tierDraftSchema,
  type TierChange,
  type TierDraft,
} from '@shared/domain/subscriptions/tier';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import { NoConflictError } from '../sync/no-conflict-error';
import type { Outbox } from '../sync/outbox';
import {
  parseTier,
  syncedTierRow,
  tierDraftColumns,
  tierDraftOfRow,
  toLocalTier,
  type TierRow,
  type TierTable,
} from './tier-table';

/** The version a tier has on the server once its create applies. */

const ARCHIVED = 'This tier is archived: it takes no new subscribers and can no longer be edited';

/**
 * The creator's subscription tiers in the studio, offline or online. Every change writes the tier's row and
 * its outbox mutation in one transaction; the studio makes a new tier's id, so it is named before it syncs.
 */
export class TierEditor {
  constructor(
    private readonly db: Database.Database,
    private readonly tiers: TierTable,
    private readonly outbox: Outbox,
    private readonly creatorId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every tier, the ones taking subscribers first. */
  list(): LocalTier[] {
    return this.tiers.list().map(toLocalTier);
  }

  /** The tiers with these ids, and the ids that are gone (a tier the server never had, removed). */
  byIds(ids: readonly string[]): { tiers: LocalTier[]; gone: string[] } {
    const tiers: LocalTier[] = [];
    const gone: string[] = [];
    for (const id of new Set(ids)) {
      const row = this.tiers.find(id);
      if (row) tiers.push(toLocalTier(row));
      else gone.push(id);
    }
    return { tiers, gone };
  }

  /** Writes a new tier and queues its creation on the server. */
  create(input: unknown, id: string = newId()): LocalTier {
    const draft = parseDraft(input);
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
    return this.db.transaction(() => {
      if (this.tiers.find(id)) throw new ConflictError('A tier with this id already exists');
      return this.write(row, { type: 'create', draft });
    })();
  }

  /**
   * Replaces a tier's fields. A new price applies to new subscribers only. In a conflict it only edits the
   * creator's side until they choose; a tier the server refused to create is created again.
   */
  update(id: string, input: unknown): LocalTier {
    const draft = parseDraft(input);
    return this.db.transaction(() => {
      const before = this.row(id);
      if (before.archived) throw new InvalidStateError(ARCHIVED);
      const row = { ...before, ...tierDraftColumns(draft), updated_at: this.now().toISOString() };
      if (before.sync_state === 'conflict') {
        this.tiers.save(row);
        return toLocalTier(row);
      }
      return this.write(
        row,
        this.serverLacks(before)
          ? { type: 'create', draft }
          : { type: 'update', baseVersion: before.version, draft },
      );
    })();
  }

  /**
   * Takes a tier out of sale: no new subscribers, and no more edits; its subscribers keep it. A tier the server
   * never had just goes (null).
   */
  archive(id: string): LocalTier | null {
    return this.db.transaction(() => {
      const before = this.row(id);
      if (before.archived) return toLocalTier(before);
      if (this.serverLacks(before)) {
        this.tiers.remove(id);
        return null;
      }
      // Archiving is final whatever changed meanwhile: it settles a conflict or a refusal too.
      this.outbox.dropFor(TIER_KIND.entity, id);
      const row = { ...before, archived: 1, server_copy: null, updated_at: this.now().toISOString() };
      return this.write(row, { type: 'archive' });
    })();
  }

  /** Settles a conflict: 'server' takes the server's tier, 'mine' sends the creator's fields over it. */
  resolveConflict(id: string, keep: ConflictChoice): LocalTier {
    return this.db.transaction(() => {
      const row = this.row(id);
      if (row.sync_state !== 'conflict' || !row.server_copy) throw new NoConflictError(`Tier ${row.name}`);
      const server = parseTier(row.server_copy);
      this.outbox.dropFor(TIER_KIND.entity, id);
      if (keep === 'server') {
        const synced = syncedTierRow(server);
        this.tiers.save(synced);
        return toLocalTier(synced);
      }
      if (server.archived) throw new InvalidStateError(`${ARCHIVED}: keep the server's version`);
      const mine = { ...row, version: server.version, confirmed_version: server.version, server_copy: null };
      return this.write(mine, { type: 'update', baseVersion: server.version, draft: tierDraftOfRow(row) });
    })();
  }

  /** Whether the server has not got the tier and nothing queued will give it (its create was refused). */
  private serverLacks(row: TierRow): boolean {
    return row.confirmed_version === null && this.outbox.pendingFor(TIER_KIND.entity, row.id) === 0;
  }

  /** Stores the row as pending with its change queued, at the version the server will have once it applies. */
  private write(row: TierRow, change: TierChange): LocalTier {
    const written: TierRow = {
      ...row,
      version: change.type === 'create' ? FIRST_SERVER_VERSION : row.version + 1,
      sync_state: 'pending',
      sync_error: null,
    };
    this.tiers.save(written);
    this.outbox.enqueue({ id: newId(), entity: TIER_KIND.entity, entityId: row.id, change });
    return toLocalTier(written);
  }

  private row(id: string): TierRow {
    const row = this.tiers.find(id);
    if (!row) throw new NotFoundError(`Tier ${id} was not found`);
    return row;
  }
}

/** The draft, refused here as the server would refuse it, so an offline edit never waits in vain. */
function parseDraft(input: unknown): TierDraft {
  const parsed = tierDraftSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(describeIssues(parsed.error.issues));
  return parsed.data;
}
