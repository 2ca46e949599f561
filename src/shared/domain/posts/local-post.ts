import type { LocalSyncFields } from '../sync/local-state';
import type { PostSnapshot } from './post';

/**
 * A post as the studio holds it offline: the snapshot and where it stands with the server. The studio always
 * fills `price`, `media` (in order; [] when none), `publishAt`, `expiresAt` and `timeZone` (null when none),
 * here and in `serverVersion`; they stay optional in the type as in `PostSnapshot`, which older feeds lack them in.
 */
export interface LocalPost extends PostSnapshot, LocalSyncFields<PostSnapshot> {}
