import type { LocalSyncFields } from '../sync/local-state';
import type { ProfileSnapshot } from './profile';

/** The creator's profile as the studio holds it offline: the snapshot and where it stands with the server. */
export interface LocalProfile extends ProfileSnapshot, LocalSyncFields<ProfileSnapshot> {}
