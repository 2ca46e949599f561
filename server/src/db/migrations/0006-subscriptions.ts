import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Subscriptions: each creator's tiers (a higher rank includes the lower ones' perks), promo codes, fans'
 * subscriptions with their current period, the trials fans have used (one per fan per creator), and purchases
 * (pay-per-view entitlements). As with payments, no foreign key to `accounts` on rows a payment writes: a
 * popular creator's account row would be locked by every fan's subscription (see 0005).
 */
export const migration0006Subscriptions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE TABLE tiers (
      id uuid PRIMARY KEY,
      creator_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      perks jsonb NOT NULL DEFAULT '[]',
      rank integer NOT NULL CHECK (rank >= 0),
      currency text NOT NULL DEFAULT 'USD',
      monthly_price numeric(78,0) NOT NULL CHECK (monthly_price > 0),
      annual_price numeric(78,0) CHECK (annual_price > 0),
      trial_days integer NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 7),
      ppv_discount_bps integer NOT NULL DEFAULT 0 CHECK (ppv_discount_bps BETWEEN 0 AND 10000),
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
    await sql`CREATE INDEX tiers_creator_idx ON tiers (creator_id, rank)`.execute(db);

    await sql`CREATE TABLE promo_codes (
      id uuid PRIMARY KEY,
      creator_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      code text NOT NULL,
      percent_off integer CHECK (percent_off BETWEEN 1 AND 100),
      amount_off numeric(78,0) CHECK (amount_off > 0),
      tier_id uuid,
      max_uses integer CHECK (max_uses > 0),
      uses integer NOT NULL DEFAULT 0,
      expires_at timestamptz,
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (creator_id, code),
      CHECK ((percent_off IS NULL) <> (amount_off IS NULL)),
      CHECK (max_uses IS NULL OR uses <= max_uses)
    )`.execute(db);

    await sql`CREATE TABLE subscriptions (
      id uuid PRIMARY KEY,
      fan_id uuid NOT NULL,
      creator_id uuid NOT NULL,
      tier_id uuid NOT NULL,
      billing_interval text NOT NULL CHECK (billing_interval IN ('month', 'year')),
      currency text NOT NULL,
      price numeric(78,0) NOT NULL CHECK (price > 0),
      credit numeric(78,0) NOT NULL DEFAULT 0 CHECK (credit >= 0),
      status text NOT NULL CHECK (status IN ('incomplete', 'trialing', 'active', 'past_due', 'canceled', 'lapsed')),
      anchor timestamptz NOT NULL,
      periods_paid integer NOT NULL DEFAULT 0,
      current_period_start timestamptz NOT NULL,
      current_period_end timestamptz NOT NULL,
      cancel_at_period_end boolean NOT NULL DEFAULT false,
      grace_until timestamptz,
      promo_code_id uuid,
      payment_method text NOT NULL,
      rail text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz
    )`.execute(db);
    // One live subscription per fan per creator; ended ones stay as history.
    await sql`CREATE UNIQUE INDEX subscriptions_live_idx ON subscriptions (fan_id, creator_id)
      WHERE status IN ('incomplete', 'trialing', 'active', 'past_due')`.execute(db);
    await sql`CREATE INDEX subscriptions_creator_idx ON subscriptions (creator_id, status)`.execute(db);

    await sql`CREATE TABLE trials_used (
      fan_id uuid NOT NULL,
      creator_id uuid NOT NULL,
      used_at timestamptz NOT NULL,
      PRIMARY KEY (fan_id, creator_id)
    )`.execute(db);

    await sql`CREATE TABLE purchases (
      fan_id uuid NOT NULL,
      item_id text NOT NULL,
      creator_id uuid NOT NULL,
      payment_id uuid NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (fan_id, item_id)
    )`.execute(db);
  },
};
