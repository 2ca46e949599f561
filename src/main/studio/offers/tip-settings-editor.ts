import type Database from 'better-sqlite3';
import { ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { describeIssues } from '@shared/domain/input-issues';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import type { LocalTipSettings } from '@shared/domain/tips/local-tip-settings';
import {
  defaultTipSettings,
  TIP_SETTINGS_KIND,
  tipSettingsDraftOf,
  tipSettingsDraftSchema,
  type TipSettingsChange,
  type TipSettingsDraft,
} from '@shared/domain/tips/tip-settings';
import { NoConflictError } from '../sync/no-conflict-error';
import type { Outbox } from '../sync/outbox';
import {
  parseTipSettings,
  syncedTipSettingsRow,
  tipSettingsDraftColumns,
  toLocalTipSettings,
  type TipSettingsRow,
  type TipSettingsTable,
} from './tip-settings-table';

/**
 * The creator's tip settings in the studio (minimum, presets, goal), edited offline or online as the profile
 * is: each save writes the row and queues the whole draft over the version it was based on.
 */
export class TipSettingsEditor {
  constructor(
    private readonly db: Database.Database,
    private readonly settings: TipSettingsTable,
    private readonly outbox: Outbox,
    private readonly creatorId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The settings as the studio has them; before any edit or pull, the defaults every creator starts with. */
  get(): LocalTipSettings {
    return toLocalTipSettings(this.row());
  }

  /** Saves a new draft; in a conflict it only edits the creator's side until they choose. */
  update(input: unknown): LocalTipSettings {
    const parsed = tipSettingsDraftSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(describeIssues(parsed.error.issues));
    const draft = parsed.data;
    return this.db.transaction(() => {
      const before = this.row();
      const row = {
        ...before,
        ...tipSettingsDraftColumns(draft, before),
        updated_at: this.now().toISOString(),
      };
      if (row.sync_state === 'conflict') {
        this.settings.save(row);
        return toLocalTipSettings(row);
      }
      return this.write(row, row.version, draft);
    })();
  }

  /** Settles a conflict: 'server' takes the server's settings, 'mine' sends the creator's over them. */
  resolveConflict(keep: ConflictChoice): LocalTipSettings {
    return this.db.transaction(() => {
      const row = this.row();
      if (row.sync_state !== 'conflict' || !row.server_copy) throw new NoConflictError('The tip settings');
      const server = parseTipSettings(row.server_copy);
      this.outbox.dropFor(TIP_SETTINGS_KIND.entity, this.creatorId);
      if (keep === 'server') {
        const synced = syncedTipSettingsRow(server);
        this.settings.save(synced);
        return toLocalTipSettings(synced);
      }
      const mine = tipSettingsDraftOf(toLocalTipSettings(row));
      return this.write(
        { ...row, confirmed_version: server.version, server_copy: null },
        server.version,
        mine,
      );
    })();
  }

  /** Stores the row as pending, one version past `base`, with its update queued. */
  private write(row: TipSettingsRow, base: number, draft: TipSettingsDraft): LocalTipSettings {
    const written: TipSettingsRow = { ...row, version: base + 1, sync_state: 'pending', sync_error: null };
    this.settings.save(written);
    const change: TipSettingsChange = { type: 'update', baseVersion: base, draft };
    this.outbox.enqueue({ id: newId(), entity: TIP_SETTINGS_KIND.entity, entityId: this.creatorId, change });
    return toLocalTipSettings(written);
  }

  private row(): TipSettingsRow {
    return this.settings.find(this.creatorId) ?? syncedTipSettingsRow(defaultTipSettings(this.creatorId));
  }
}
