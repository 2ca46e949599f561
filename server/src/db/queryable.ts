import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/** The pool or the caller's transaction: repository writes take the transaction of the use case calling them. */
export type Queryable = Kysely<Database> | Transaction<Database>;
