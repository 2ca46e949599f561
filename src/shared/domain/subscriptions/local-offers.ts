import type { LocalSyncFields } from '../sync/local-state';
import type { PromoSnapshot } from './promo';
import type { TierSnapshot } from './tier';

/** A tier as the studio holds it offline: the snapshot and where it stands with the server. */
export interface LocalTier extends TierSnapshot, LocalSyncFields<TierSnapshot> {}

/** A promo code as the studio holds it offline. */
export interface LocalPromo extends PromoSnapshot, LocalSyncFields<PromoSnapshot> {}
