import type { AnyProcedure, AnyRouter } from '@trpc/server';
import type { ServerClient } from './test-server';

/**
 * The types of the authorization matrix (`routers/authorization-matrix.test.ts`): every procedure's access,
 * stated once and tried against each role. A feature keeps its own entries beside its router
 * (`routers/<feature>.matrix.ts`, typed with `FeatureMatrix`), and the matrix spreads them in: a procedure
 * without an entry still fails the typecheck.
 */

/** Every procedure path of a router, as a type: `accounts.signIn` | `posts.create` | … */
export type ProcedurePaths<Record, Prefix extends string = ''> = {
  [Key in keyof Record & string]: Record[Key] extends AnyProcedure
    ? `${Prefix}${Key}`
    : Record[Key] extends AnyRouter
      ? ProcedurePaths<Record[Key]['_def']['record'], `${Prefix}${Key}.`>
      : Record[Key] extends object
        ? ProcedurePaths<Record[Key], `${Prefix}${Key}.`>
        : never;
}[keyof Record & string];

/**
 * Who may call a procedure:
 * - `public`: anyone, signed in or not;
 * - `signed-in`: any signed-in account, for itself;
 * - `acting-for`: the creator whose data it is (and, later, the managers they delegate to); every other
 *   account is FORBIDDEN and an anonymous caller UNAUTHORIZED.
 */
export type Access = 'public' | 'signed-in' | 'acting-for';

export interface Fixtures {
  /** The creator whose data the gated calls name. */
  readonly owner: {
    readonly id: string;
    readonly handle: string;
    readonly client: ServerClient;
    /** A tier of the owner's, for calls that change one or subscribe to it. */
    readonly tierId: string;
    /** A published post of the owner's for sale, for calls that buy one. */
    readonly pricedPostId: string;
  };
  /** A fresh post of the owner's, for calls that change or delete one. */
  newOwnerPost(): Promise<{ id: string; version: number }>;
}

export interface Entry {
  readonly access: Access;
  readonly type: 'query' | 'mutation' | 'subscription';
  /** A valid input naming the owner's data, so that only the caller decides the outcome. */
  readonly input: (f: Fixtures) => unknown;
}

/** The entries of one feature's router mounted at `prefix` (`'live.'`): one per procedure, no more. */
export type FeatureMatrix<Router extends AnyRouter, Prefix extends string> = Record<
  ProcedurePaths<Router['_def']['record'], Prefix>,
  Entry
>;
