import type { Migration } from '../../migration';
import { migration0001 } from './0001-posts-and-outbox';
import { migration0002 } from './0002-outbox-by-entity';
import { migration0003 } from './0003-profile';
import { migration0004 } from './0004-payments';
import { migration0005 } from './0005-post-prices';
import { migration0006 } from './0006-offers';
import { migration0007 } from './0007-vault';
import { migration0008 } from './0008-post-media';
import { migration0009 } from './0009-live-streams';

/** The per-account database's schema history, in order. Append only. */
export const accountMigrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
];
