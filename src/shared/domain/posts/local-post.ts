import type { LocalSyncFields } from '../sync/local-state';
import type { PostSnapshot } from './post';

/** A post as the studio holds it offline: the snapshot and where it stands with the server. */
export interface LocalPost extends PostSnapshot, LocalSyncFields<PostSnapshot> {}
