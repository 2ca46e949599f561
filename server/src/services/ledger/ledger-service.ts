import { createHash } from 'node:crypto';
import { ConflictError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { CURRENCIES, type Currency } from '@shared/domain/money';
import {
  mustNotGoNegative,
  validateTransfers,
  type PaymentSource,
  type Transfer,
} from '@shared/domain/money/ledger';
import type { Queryable } from '../../db/queryable';
import type { LedgerRepository } from './ledger-repository';

export type OperationKind =
  | 'payment.settled'
  | 'payment.refunded'
  | 'dispute.opened'
  | 'dispute.closed'
  | 'hold.placed'
  | 'hold.captured'
  | 'hold.released'
  | 'payout';

export interface NewOperation {
  /** Unique per business event (`payment:<id>:settled`): posting it again changes nothing. */
  readonly idempotencyKey: string;
  readonly kind: OperationKind;
  readonly source?: PaymentSource | null;
  readonly creatorId?: string | null;
  readonly fanId?: string | null;
  readonly paymentId?: string | null;
  readonly transfers: readonly Transfer[];
}

export interface PostedOperation {
  readonly operationId: string;
  /** true: an operation with this key existed already (same content), and nothing was written. */
  readonly replayed: boolean;
}

export interface LedgerAudit {
  /** Per currency, the sum of every account's balance: 0 in a sound ledger. */
  readonly sums: Record<Currency, bigint>;
  /** Accounts below zero that must never be. */
  readonly negative: { account: string; currency: Currency; balance: bigint }[];
  readonly emptyOperations: number;
  readonly balanced: boolean;
}

/** What an operation moves, as text that differs whenever its content does. */
function fingerprintOf(op: NewOperation): string {
  const text = JSON.stringify([
    op.kind,
    op.source ?? null,
    op.creatorId ?? null,
    op.fanId ?? null,
    op.paymentId ?? null,
    op.transfers.map((t) => [t.debit, t.credit, t.amount.currency, t.amount.minor.toString()]),
  ]);
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * Writes money movements: each operation's transfers at once under its idempotency key, in the caller's
 * transaction (so a payment's state, its entitlement and its transfers commit together or not at all). It
 * takes no lock: the unique key settles racing writers of one event (the second waits for the first's commit,
 * then finds it), and balances are sums, never rows a transfer updates.
 */
export class LedgerService {
  constructor(private readonly ledger: LedgerRepository) {}

  async post(q: Queryable, op: NewOperation): Promise<PostedOperation> {
    validateTransfers(op.transfers);
    const fingerprint = fingerprintOf(op);
    const id = newId();
    const inserted = await this.ledger.insertOperation(q, {
      id,
      idempotencyKey: op.idempotencyKey,
      kind: op.kind,
      source: op.source ?? null,
      creatorId: op.creatorId ?? null,
      fanId: op.fanId ?? null,
      paymentId: op.paymentId ?? null,
      fingerprint,
    });
    if (inserted) {
      await this.ledger.insertTransfers(
        q,
        id,
        op.transfers.map((t) => ({
          debit: t.debit,
          credit: t.credit,
          currency: t.amount.currency,
          amount: t.amount.minor,
        })),
      );
      return { operationId: id, replayed: false };
    }
    const existing = await this.ledger.findOperation(q, op.idempotencyKey);
    if (!existing) throw new Error(`ledger operation ${op.idempotencyKey} vanished`);
    if (existing.fingerprint !== fingerprint) {
      throw new ConflictError(
        'This idempotency key was used for a different movement of money; use a new key for a new payment',
      );
    }
    return { operationId: existing.id, replayed: true };
  }

  /**
   * Posts many new operations at once (a renewal run), in two multi-row statements. Only for operations
   * whose keys the caller knows to be new (they name payments this transaction just settled); a key that
   * exists already is skipped with its transfers, and counted in the answer.
   */
  async postMany(q: Queryable, ops: readonly NewOperation[]): Promise<{ posted: number; skipped: number }> {
    if (ops.length === 0) return { posted: 0, skipped: 0 };
    const rows = ops.map((op) => {
      validateTransfers(op.transfers);
      return { op, id: newId(), fingerprint: fingerprintOf(op) };
    });
    const inserted = new Set(
      await this.ledger.insertOperations(
        q,
        rows.map(({ op, id, fingerprint }) => ({
          id,
          idempotencyKey: op.idempotencyKey,
          kind: op.kind,
          source: op.source ?? null,
          creatorId: op.creatorId ?? null,
          fanId: op.fanId ?? null,
          paymentId: op.paymentId ?? null,
          fingerprint,
        })),
      ),
    );
    const transfers = rows
      .filter(({ id }) => inserted.has(id))
      .flatMap(({ op, id }) =>
        op.transfers.map((t) => ({
          operationId: id,
          debit: t.debit,
          credit: t.credit,
          currency: t.amount.currency,
          amount: t.amount.minor,
        })),
      );
    await this.ledger.insertTransferRows(q, transfers);
    return { posted: inserted.size, skipped: rows.length - inserted.size };
  }

  balance(q: Queryable, account: string, currency: Currency): Promise<bigint> {
    return this.ledger.balance(q, account, currency);
  }

  transfersOf(q: Queryable, operationId: string) {
    return this.ledger.transfersOf(q, operationId);
  }

  /**
   * The periodic check: every account's balance summed per currency must be zero, no account that must not go
   * negative is, and no operation is empty. A full scan: run it on a schedule or by an admin, never per payment.
   */
  async audit(q: Queryable): Promise<LedgerAudit> {
    const sums = Object.fromEntries(CURRENCIES.map((c) => [c, 0n])) as Record<Currency, bigint>;
    const negative: LedgerAudit['negative'] = [];
    for (const row of await this.ledger.allBalances(q)) {
      sums[row.currency] += row.balance;
      if (row.balance < 0n && mustNotGoNegative(row.account)) negative.push(row);
    }
    const emptyOperations = await this.ledger.emptyOperationCount(q);
    const balanced =
      Object.values(sums).every((s) => s === 0n) && negative.length === 0 && emptyOperations === 0;
    return { sums, negative, emptyOperations, balanced };
  }
}
