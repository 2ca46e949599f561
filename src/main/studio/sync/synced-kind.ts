import type Database from 'better-sqlite3';
import type { SyncedKindSpec } from '@shared/domain/sync/kind';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import type { AcceptedResult, Change, Mutation, MutationResult } from '@shared/domain/sync/protocol';
import type { AccountSummary } from '@shared/domain/sync/status';
import type { Outbox } from './outbox';

/** What a kind's appliers work on: one account's database and outbox. */
export interface KindContext {
  readonly db: Database.Database;
  readonly outbox: Outbox;
  readonly account: AccountSummary;
}

/** The server's answer to one mutation, as the engine hands it to the mutation's kind. */
export type KindResult = AcceptedResult | Extract<MutationResult, { status: 'conflict' | 'rejected' }>;

/**
 * A feature's studio side of one entity kind: how the server's answers and pulled changes land in the
 * feature's own tables. The engine calls these inside its transactions, after doing the outbox's part
 * (an accepted mutation leaves the outbox; a refused one leaves it with the entity's later mutations).
 * Kinds only the server writes need `applyChanges` alone.
 */
export interface StudioKind {
  readonly spec: SyncedKindSpec;
  /** Records the server's answer to one of this kind's mutations. */
  applyResult?(mutation: Mutation, result: KindResult): void;
  /** Applies pulled changes of this kind, in feed order. */
  applyChanges(changes: readonly Change[]): void;
  /**
   * Whether the server's answer to `mutation` decides the base version of a later mutation of the same
   * entity (a publish may be a no-op): the engine then ends the batch before any mutation that `usesBase`.
   */
  answerSetsBase?(mutation: Mutation): boolean;
  usesBase?(mutation: Mutation): boolean;
  /** Settles a conflict on one entity with the creator's choice. */
  resolveConflict?(entityId: string, keep: ConflictChoice): void;
}

/** Builds a kind's appliers over one account's database. */
export type StudioKindFactory = (context: KindContext) => StudioKind;

/** The kinds one account syncs, by name: the engine looks a change's or a mutation's kind up here only. */
export class StudioKinds {
  readonly #kinds = new Map<string, StudioKind>();

  constructor(kinds: readonly StudioKind[]) {
    for (const kind of kinds) {
      if (this.#kinds.has(kind.spec.entity)) throw new Error(`Two studio kinds for ${kind.spec.entity}`);
      this.#kinds.set(kind.spec.entity, kind);
    }
  }

  get(entity: string): StudioKind | undefined {
    return this.#kinds.get(entity);
  }

  /** A kind the creator may change here, or an error naming it (a mutation of a read-only kind is a bug). */
  mutable(entity: string): StudioKind {
    const kind = this.#kinds.get(entity);
    if (!kind?.spec.changeSchema) throw new Error(`The studio does not change ${entity}`);
    return kind;
  }
}
