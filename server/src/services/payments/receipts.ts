import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@shared/domain/errors';
import type { Currency } from '@shared/domain/money';
import { ledgerAccount, type PaymentSource } from '@shared/domain/money/ledger';
import type { Database, PaymentStatusColumn } from '../../db/schema';

/**
 * A fan's receipts: their own payments, newest first, each with the creator, what it paid for and where it
 * stands, and one receipt with the ledger's lines (the charge, each refund, a dispute). A read module of its
 * own over the money tables: the payments service writes them and is left alone.
 */

/** Where a payment stands, as its fan reads it. */
export type ReceiptStatus = 'processing' | 'paid' | 'failed' | 'partially_refunded' | 'refunded' | 'disputed';

export interface ReceiptPost {
  readonly id: string;
  /** Only the title: a body excerpt would hand out pay-per-view text to a fan whose payment failed or was refunded. */
  readonly title: string;
}

/** A live stream a ticket was bought for: its title now (null once the stream is gone). */
export interface ReceiptStream {
  readonly id: string;
  readonly title: string;
}

/** What a payment paid for. */
export type ReceiptPurchase =
  | { readonly kind: 'tip'; readonly message: string; readonly post: ReceiptPost | null }
  | { readonly kind: 'ppv'; readonly post: ReceiptPost | null }
  | { readonly kind: 'ticket'; readonly stream: ReceiptStream | null }
  | {
      readonly kind: 'subscription';
      /** A period paid, or the prorated part of an upgrade. */
      readonly charge: 'period' | 'upgrade';
      /** The tier upgraded to; for a period, the subscription's tier now (null once the subscription is gone). */
      readonly tierName: string | null;
      readonly interval: 'month' | 'year' | null;
      readonly periodStart: string | null;
      readonly periodEnd: string | null;
    };

export interface Receipt {
  readonly paymentId: string;
  readonly createdAt: string;
  readonly settledAt: string | null;
  readonly creator: { readonly id: string; readonly handle: string | null; readonly displayName: string };
  readonly purchase: ReceiptPurchase;
  readonly currency: Currency;
  /** Minor units as digits, as every money answer of the API. */
  readonly amount: string;
  readonly refunded: string;
  readonly status: ReceiptStatus;
  /** Why the rail refused it (a failed payment). */
  readonly failure: string | null;
  readonly rail: string;
  /** The rail's own reference for the charge (what a card statement or the rail's support knows it by). */
  readonly railReference: string | null;
}

export interface ReceiptPage {
  readonly receipts: Receipt[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * One money movement of a payment, from the ledger: the charge, a refund, a dispute opened (what was frozen),
 * and its end (won: the creator keeps it; lost: the money went back to the fan).
 */
export interface ReceiptLine {
  readonly kind: 'charge' | 'refund' | 'dispute_opened' | 'dispute_won' | 'dispute_lost';
  readonly amount: string;
  readonly at: string;
}

export interface ReceiptDetail extends Receipt {
  /** Oldest first. */
  readonly lines: ReceiptLine[];
}

export const RECEIPT_PAGE_MAX = 50;

export function receiptStatusOf(
  status: PaymentStatusColumn,
  amount: bigint,
  refunded: bigint,
): ReceiptStatus {
  switch (status) {
    case 'pending':
      return 'processing';
    case 'failed':
      return 'failed';
    case 'disputed':
      return 'disputed';
    case 'succeeded':
      if (refunded === 0n) return 'paid';
      return refunded < amount ? 'partially_refunded' : 'refunded';
  }
}

// ——— the cursor: the last receipt's createdAt (to the microsecond, as stored) and id ———

const CURSOR_SEPARATOR = '~';
const CURSOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

interface ReceiptCursor {
  /** Text, not a Date: a Date keeps milliseconds, and payments made in the same millisecond would be lost. */
  readonly createdAt: string;
  readonly id: string;
}

/**
 * Reads a cursor strictly, so that nothing reaching the query can fail there: a UTC timestamp that names a real
 * instant (JavaScript would roll 31 February over; PostgreSQL refuses it) and a UUID.
 */
export function parseReceiptCursor(cursor: string): ReceiptCursor {
  const [at = '', id = '', ...rest] = cursor.split(CURSOR_SEPARATOR);
  const instant = new Date(at);
  const real =
    CURSOR_TIMESTAMP.test(at) &&
    !Number.isNaN(instant.getTime()) &&
    instant.toISOString().slice(0, 19) === at.slice(0, 19);
  if (rest.length > 0 || !real || !isUuid(id)) {
    throw new ValidationError('cursor is not one this server gave out', 'cursor');
  }
  return { createdAt: at, id };
}

// ——— the queries ———

type PaymentRow = Awaited<ReturnType<ReceiptRepository['payments']>>[number];

/** Reads over `payments` and what they name (accounts, posts, live streams, subscriptions, tiers, the ledger). */
export class ReceiptRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A fan's payments, newest first, after `after`; one id alone with `onlyId`. */
  payments(fanId: string, options: { after?: ReceiptCursor | null; limit: number; onlyId?: string }) {
    let query = this.db
      .selectFrom('payments')
      .select([
        'id',
        'creator_id',
        'source',
        'item_id',
        'currency',
        'amount',
        'amount_refunded',
        'status',
        'failure',
        'rail',
        'rail_charge',
        'details',
        'created_at',
        'settled_at',
        // The cursor's time as stored (microseconds), which a JavaScript Date would cut to milliseconds.
        sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
          'created_at_text',
        ),
      ])
      .where('fan_id', '=', fanId);
    if (options.onlyId) query = query.where('id', '=', options.onlyId);
    const after = options.after;
    if (after) {
      query = query.where(
        sql<boolean>`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`,
      );
    }
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  }

  async creators(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('accounts')
      .select(['id', 'handle', 'display_name'])
      .where('id', 'in', ids)
      .execute();
  }

  async posts(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db.selectFrom('posts').select(['id', 'title']).where('id', 'in', ids).execute();
  }

  async streams(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db.selectFrom('live_streams').select(['id', 'title']).where('id', 'in', ids).execute();
  }

  /** Subscriptions with their tier's name now. */
  async subscriptions(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('subscriptions')
      .leftJoin('tiers', 'tiers.id', 'subscriptions.tier_id')
      .select(['subscriptions.id', 'subscriptions.billing_interval', 'tiers.name as tier_name'])
      .where('subscriptions.id', 'in', ids)
      .execute();
  }

  async tierNames(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db.selectFrom('tiers').select(['id', 'name']).where('id', 'in', ids).execute();
  }

  /**
   * The ledger's operations for one payment with what each moved to and from the fan's account. `payment_id`
   * has no index (a scan per receipt), so the operations are found through indexed keys: the settle and the
   * dispute's by their idempotency keys, refunds and lost disputes as the credits to the fan's account (a fan
   * has few).
   */
  async ledgerOperations(payment: { id: string; fanAccount: string; currency: string; keys: string[] }) {
    const { rows } = await sql<{
      kind: string;
      created_at: Date;
      to_fan: string;
      from_fan: string;
      total: string;
    }>`
      WITH ops AS (
        SELECT id FROM ledger_operations WHERE idempotency_key IN (${sql.join(payment.keys)})
        UNION
        SELECT o.id FROM ledger_transfers t JOIN ledger_operations o ON o.id = t.operation_id
        WHERE t.credit = ${payment.fanAccount} AND t.currency = ${payment.currency}
          AND o.payment_id = ${payment.id}
      )
      SELECT o.kind, o.created_at,
        coalesce(sum(t.amount) FILTER (WHERE t.credit = ${payment.fanAccount}), 0)::text AS to_fan,
        coalesce(sum(t.amount) FILTER (WHERE t.debit = ${payment.fanAccount}), 0)::text AS from_fan,
        coalesce(sum(t.amount), 0)::text AS total
      FROM ops JOIN ledger_operations o ON o.id = ops.id JOIN ledger_transfers t ON t.operation_id = o.id
      WHERE o.payment_id = ${payment.id}
      GROUP BY o.id, o.kind, o.created_at
      ORDER BY o.created_at, o.id`.execute(this.db);
    return rows;
  }
}

// ——— the use cases ———

/** The fan's receipts and one receipt in full; only ever the caller's own payments. */
export class ReceiptService {
  constructor(private readonly receipts: ReceiptRepository) {}

  /** A page of the fan's payments, newest first: each payment exactly once across pages. */
  async mine(fan: { id: string }, query: { cursor?: string | null; limit: number }): Promise<ReceiptPage> {
    const after = query.cursor ? parseReceiptCursor(query.cursor) : null;
    const rows = await this.receipts.payments(fan.id, { after, limit: query.limit + 1 });
    const shown = rows.slice(0, query.limit);
    const last = shown.at(-1);
    return {
      receipts: await this.#named(shown),
      nextCursor:
        rows.length > query.limit && last ? `${last.created_at_text}${CURSOR_SEPARATOR}${last.id}` : null,
    };
  }

  /** One of the fan's payments with its ledger lines; another fan's is not found, exactly as a missing one. */
  async receipt(fan: { id: string }, paymentId: string): Promise<ReceiptDetail> {
    const [row] = await this.receipts.payments(fan.id, { limit: 1, onlyId: paymentId });
    if (!row) throw new NotFoundError('No such payment of yours');
    const [receipt] = await this.#named([row]);
    const dispute = typeof row.details.dispute === 'string' ? row.details.dispute : null;
    const operations = await this.receipts.ledgerOperations({
      id: row.id,
      fanAccount: ledgerAccount.fan(fan.id, row.rail),
      currency: row.currency,
      keys: [
        `payment:${row.id}:settled`,
        ...(dispute ? [`dispute:${dispute}:opened`, `dispute:${dispute}:closed`] : []),
      ],
    });
    return { ...receipt!, lines: operations.flatMap(toLine) };
  }

  /** The rows with their creators, posts, streams and tiers named, in a few lookups by key. */
  async #named(rows: readonly PaymentRow[]): Promise<Receipt[]> {
    const itemsOf = (source: PaymentSource) =>
      unique(rows.filter((r) => r.source === source && isUuid(r.item_id)).map((r) => r.item_id!));
    const upgradeTiers = unique(rows.map((r) => r.details.tierId).filter(isUuid));
    const [creators, posts, streams, subscriptions, tiers] = await Promise.all([
      this.receipts.creators(unique(rows.map((r) => r.creator_id))),
      this.receipts.posts([...itemsOf('tip'), ...itemsOf('ppv')]),
      this.receipts.streams(itemsOf('ticket')),
      this.receipts.subscriptions(itemsOf('subscription')),
      this.receipts.tierNames(upgradeTiers),
    ]);
    const creatorById = new Map(creators.map((c) => [c.id, c]));
    const postById = new Map(posts.map((p) => [p.id, { id: p.id, title: p.title }]));
    const streamById = new Map(streams.map((s) => [s.id, { id: s.id, title: s.title }]));
    const subscriptionById = new Map(subscriptions.map((s) => [s.id, s]));
    const tierNameById = new Map(tiers.map((t) => [t.id, t.name]));

    return rows.map((row) => {
      const creator = creatorById.get(row.creator_id);
      const amount = BigInt(row.amount);
      const refunded = BigInt(row.amount_refunded);
      const post = (row.item_id && postById.get(row.item_id)) || null;
      const stream = (row.item_id && streamById.get(row.item_id)) || null;
      return {
        paymentId: row.id,
        createdAt: row.created_at.toISOString(),
        settledAt: row.settled_at?.toISOString() ?? null,
        creator: {
          id: row.creator_id,
          handle: creator?.handle ?? null,
          displayName: creator?.display_name ?? 'A creator no longer on Mesi',
        },
        purchase: purchaseOf(row.source, row, { post, stream }, subscriptionById, tierNameById),
        currency: row.currency as Currency,
        amount: amount.toString(),
        refunded: refunded.toString(),
        status: receiptStatusOf(row.status, amount, refunded),
        failure: row.status === 'failed' ? row.failure : null,
        rail: row.rail,
        railReference: row.rail_charge,
      };
    });
  }
}

/** What the row paid for, by its source: every source is named, so a new one does not compile unnamed. */
function purchaseOf(
  source: PaymentSource,
  row: PaymentRow,
  item: { post: ReceiptPost | null; stream: ReceiptStream | null },
  subscriptions: Map<string, { billing_interval: 'month' | 'year'; tier_name: string | null }>,
  tierNames: Map<string, string>,
): ReceiptPurchase {
  switch (source) {
    case 'tip':
      return { kind: 'tip', message: textOf(row.details.message) ?? '', post: item.post };
    case 'ppv':
      return { kind: 'ppv', post: item.post };
    case 'ticket':
      return { kind: 'ticket', stream: item.stream };
    case 'subscription':
      return subscriptionPurchase(row, subscriptions, tierNames);
  }
}

function subscriptionPurchase(
  row: PaymentRow,
  subscriptions: Map<string, { billing_interval: 'month' | 'year'; tier_name: string | null }>,
  tierNames: Map<string, string>,
): ReceiptPurchase {
  const subscription = row.item_id ? subscriptions.get(row.item_id) : undefined;
  const upgradeTo = textOf(row.details.tierId);
  if (row.details.kind === 'upgrade') {
    return {
      kind: 'subscription',
      charge: 'upgrade',
      tierName: (upgradeTo && tierNames.get(upgradeTo)) ?? null,
      interval: subscription?.billing_interval ?? null,
      periodStart: null,
      periodEnd: null,
    };
  }
  return {
    kind: 'subscription',
    charge: 'period',
    tierName: subscription?.tier_name ?? null,
    interval: subscription?.billing_interval ?? null,
    periodStart: isoOf(row.details.periodStart),
    periodEnd: isoOf(row.details.periodEnd),
  };
}

function toLine(op: { kind: string; created_at: Date; to_fan: string; from_fan: string; total: string }) {
  const at = new Date(op.created_at).toISOString();
  const line = (kind: ReceiptLine['kind'], amount: string): ReceiptLine[] => [{ kind, amount, at }];
  switch (op.kind) {
    case 'payment.settled':
      return line('charge', op.from_fan);
    case 'payment.refunded':
      return line('refund', op.to_fan);
    case 'dispute.opened':
      return line('dispute_opened', op.total);
    case 'dispute.closed':
      return BigInt(op.to_fan) > 0n ? line('dispute_lost', op.to_fan) : line('dispute_won', op.total);
    default:
      return [];
  }
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const UUID = z.uuid();
const isUuid = (value: unknown): value is string => UUID.safeParse(value).success;

function isoOf(value: unknown): string | null {
  const text = textOf(value);
  const date = text === null ? null : new Date(text);
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
