import type { Migration } from '../../migration';
import { migration0001 } from './0001-posts-and-outbox';

/** The per-account database's schema history, in order. Append only. */
export const accountMigrations: readonly Migration[] = [migration0001];
