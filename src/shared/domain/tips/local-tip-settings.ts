import type { LocalSyncFields } from '../sync/local-state';
import type { TipSettingsSnapshot } from './tip-settings';

/** The creator's tip settings as the studio holds them offline. */
export interface LocalTipSettings extends TipSettingsSnapshot, LocalSyncFields<TipSettingsSnapshot> {}
