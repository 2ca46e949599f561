import type { Migration } from '../../migration';
import { migration0001 } from './0001-accounts';
import { migration0002 } from './0002-local-server';

/** The schema history of `studio.sqlite`, in order. Append only. */
export const studioMigrations: readonly Migration[] = [migration0001, migration0002];
