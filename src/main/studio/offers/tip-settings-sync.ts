import { TIP_SETTINGS_KIND } from '@shared/domain/tips/tip-settings';
import { oneRowStudioKind } from '../sync/one-row-kind';
import type { KindContext, StudioKind } from '../sync/synced-kind';
import type { TipSettingsEditor } from './tip-settings-editor';
import type { TipSettingsTable } from './tip-settings-table';

/** Tip settings in the studio's sync, as the profile's: one row, whole drafts over a base version. */
export function tipSettingsStudioKind(
  context: KindContext,
  settings: TipSettingsTable,
  editor: TipSettingsEditor,
): StudioKind {
  return oneRowStudioKind(context, { spec: TIP_SETTINGS_KIND, table: settings, editor });
}
