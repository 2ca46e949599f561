import type Database from 'better-sqlite3';
import type { LocalTipSettings } from '@shared/domain/tips/local-tip-settings';
import {
  defaultTipSettings,
  TIP_SETTINGS_KIND,
  tipSettingsDraftOf,
  tipSettingsDraftSchema,
  type TipSettingsChange,
  type TipSettingsDraft,
  type TipSettingsSnapshot,
} from '@shared/domain/tips/tip-settings';
import { OneRowEditor } from '../sync/one-row-editor';
import type { Outbox } from '../sync/outbox';
import {
  tipSettingsDraftColumns,
  toLocalTipSettings,
  type TipSettingsRow,
  type TipSettingsTable,
} from './tip-settings-table';

/**
 * The creator's tip settings in the studio (minimum, presets, goal), edited offline or online as the profile
 * is: each save writes the row and queues the whole draft over the version it was based on.
 */
export class TipSettingsEditor extends OneRowEditor<
  TipSettingsRow,
  TipSettingsSnapshot,
  TipSettingsDraft,
  LocalTipSettings
> {
  constructor(
    db: Database.Database,
    settings: TipSettingsTable,
    outbox: Outbox,
    creatorId: string,
    now: () => Date = () => new Date(),
  ) {
    super(
      db,
      outbox,
      {
        entity: TIP_SETTINGS_KIND.entity,
        accountId: creatorId,
        table: settings,
        draftSchema: tipSettingsDraftSchema,
        fieldsOf: tipSettingsDraftColumns,
        draftOf: (row) => tipSettingsDraftOf(toLocalTipSettings(row)),
        changeOf: (baseVersion, draft): TipSettingsChange => ({ type: 'update', baseVersion, draft }),
        defaults: () => defaultTipSettings(creatorId),
        toLocal: toLocalTipSettings,
        named: 'The tip settings',
      },
      now,
    );
  }
}
