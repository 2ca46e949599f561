import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Money: the ledger (operations of balanced transfers, append-only), fans' payments with their state on the
 * rail, tips, creators' tip settings, the fans' customers on each rail, and the feed outbox. Amounts are
 * `numeric(78,0)` minor units (a uint256 fits). On purpose, no transfer, payment or tip row has a foreign key
 * to `accounts` or to a ledger account row (there is none): a key check locks the referenced row, and every
 * tip to a popular creator would queue on that creator's row (measured: one shared referenced row fell from
 * ~9,950 to ~461 tips/s). The services check those references instead.
 */
export const migration0005LedgerAndPayments: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const money = (column: string) => sql.raw(`numeric(78,0) NOT NULL CHECK (${column} >= 0)`);

    await sql`CREATE TABLE ledger_operations (
      id uuid PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      kind text NOT NULL,
      source text,
      creator_id uuid,
      fan_id uuid,
      payment_id uuid,
      fingerprint text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
    await sql`CREATE INDEX ledger_operations_creator_idx ON ledger_operations (creator_id, created_at)`.execute(
      db,
    );

    await sql`CREATE TABLE ledger_transfers (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      operation_id uuid NOT NULL REFERENCES ledger_operations (id),
      debit text NOT NULL,
      credit text NOT NULL,
      currency text NOT NULL CHECK (currency IN ('USD', 'USDC', 'MESI')),
      amount numeric(78,0) NOT NULL CHECK (amount > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (debit <> credit)
    )`.execute(db);
    await sql`CREATE INDEX ledger_transfers_credit_idx ON ledger_transfers (credit, currency)`.execute(db);
    await sql`CREATE INDEX ledger_transfers_debit_idx ON ledger_transfers (debit, currency)`.execute(db);
    await sql`CREATE INDEX ledger_transfers_operation_idx ON ledger_transfers (operation_id)`.execute(db);

    await sql`CREATE TABLE payments (
      id uuid PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      fan_id uuid NOT NULL,
      creator_id uuid NOT NULL,
      source text NOT NULL CHECK (source IN ('tip', 'subscription', 'ppv')),
      item_id text,
      currency text NOT NULL CHECK (currency IN ('USD', 'USDC', 'MESI')),
      amount numeric(78,0) NOT NULL CHECK (amount > 0),
      fee ${money('fee')} DEFAULT 0,
      amount_refunded ${money('amount_refunded')} DEFAULT 0,
      rail text NOT NULL,
      rail_charge text,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'disputed')),
      failure text,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      settled_at timestamptz,
      CHECK (amount_refunded <= amount)
    )`.execute(db);
    await sql`CREATE UNIQUE INDEX payments_rail_charge_idx ON payments (rail, rail_charge) WHERE rail_charge IS NOT NULL`.execute(
      db,
    );
    await sql`CREATE INDEX payments_fan_idx ON payments (fan_id, created_at)`.execute(db);
    await sql`CREATE INDEX payments_creator_idx ON payments (creator_id, created_at)`.execute(db);

    await sql`CREATE TABLE tips (
      payment_id uuid PRIMARY KEY,
      fan_id uuid NOT NULL,
      creator_id uuid NOT NULL,
      post_id uuid,
      currency text NOT NULL,
      amount numeric(78,0) NOT NULL CHECK (amount > 0),
      message text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX tips_creator_idx ON tips (creator_id, created_at)`.execute(db);
    await sql`CREATE INDEX tips_fan_creator_idx ON tips (fan_id, creator_id, created_at)`.execute(db);

    await sql`CREATE TABLE tip_settings (
      creator_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
      currency text NOT NULL DEFAULT 'USD',
      minimum ${money('minimum')},
      presets jsonb NOT NULL,
      goal_title text,
      goal_amount numeric(78,0) CHECK (goal_amount > 0),
      goal_started_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

    await sql`CREATE TABLE rail_customers (
      fan_id uuid NOT NULL,
      rail text NOT NULL,
      customer text NOT NULL,
      PRIMARY KEY (fan_id, rail)
    )`.execute(db);

    // Every rail event handled, by its id: a webhook delivered again is recognised and applied once.
    await sql`CREATE TABLE rail_events (
      rail text NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (rail, event_id)
    )`.execute(db);

    // Changes of server-written kinds (payments, tips) wait here and reach the owners' feeds in batches: a
    // payment never locks its creator's feed counter, which every tip to a popular creator would queue on.
    await sql`CREATE TABLE feed_outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account_id uuid NOT NULL,
      entity text NOT NULL,
      entity_id text NOT NULL,
      op text NOT NULL CHECK (op IN ('upsert', 'delete')),
      data json
    )`.execute(db);
  },
};
