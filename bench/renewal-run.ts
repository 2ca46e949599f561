/**
 * A renewal run: N subscriptions (default 100,000; BENCH_RENEWALS) all due at the same moment, renewed by the
 * server's durable scheduler on PostgreSQL through the real payments service and the sandbox rail. Reports the
 * time the run takes and renewals/s, then checks that each subscription was charged exactly once and that the
 * ledger is balanced. Goal: 100,000 in ≤ 60 s, one charge each.
 * Run alone: `npx tsx bench/renewal-run.ts` (PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { startServer } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { withScratchPostgres } from './support/postgres';

const COUNT = Number(process.env.BENCH_RENEWALS ?? 100_000);
const DUE = new Date('2026-06-01T00:00:00.000Z');

async function renewalRun(databaseUrl: string): Promise<Record<string, string>> {
  // The clock stands before the due moment while the subscriptions are loaded, so nothing runs early.
  const clock = new ManualClock(new Date(DUE.getTime() - 60_000));
  const server = await startServer(
    loadConfig({
      PORT: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'mesi-bench-renewals-')),
      DATABASE_URL: databaseUrl,
    }),
    { clock },
  );
  try {
    const db = server.db;
    const creatorId = newId();
    const tierId = newId();
    await db
      .insertInto('accounts')
      .values({
        id: creatorId,
        email: `renewals-${creatorId}@example.com`,
        handle: `renewals_${creatorId.slice(-8)}`,
        display_name: 'Renewals',
        role: 'creator',
        password_hash: 'not-a-real-hash',
      })
      .execute();
    await db
      .insertInto('tiers')
      .values({ id: tierId, creator_id: creatorId, name: 'Gold', rank: 1, monthly_price: '999', perks: '[]' })
      .execute();
    // Loaded in SQL: going through the API would measure 100,000 subscribes, not the renewal run.
    const loadStarted = Date.now();
    await sql`
      INSERT INTO subscriptions (id, fan_id, creator_id, tier_id, billing_interval, currency, price, status, anchor,
        periods_paid, current_period_start, current_period_end, payment_method, rail)
      SELECT gen_random_uuid(), gen_random_uuid(), ${creatorId}, ${tierId}, 'month', 'USD', 999, 'active',
        ${new Date('2026-05-01T00:00:00.000Z')}, 1, ${new Date('2026-05-01T00:00:00.000Z')}, ${DUE},
        'sandbox_card_4242424242424242', 'sandbox'
      FROM generate_series(1, ${COUNT})`.execute(db);
    await sql`INSERT INTO rail_customers (fan_id, rail, customer)
      SELECT fan_id, 'sandbox', 'sandbox_cus_' || fan_id FROM subscriptions`.execute(db);
    await sql`
      INSERT INTO scheduled_jobs (id, kind, key, payload, run_at)
      SELECT gen_random_uuid(), 'subscription.renew', 'renew:' || id || ':' || ${DUE.toISOString()} || ':0',
        json_build_object('subscriptionId', id, 'periodEnd', ${DUE.toISOString()}::text, 'attempt', 0), ${DUE}
      FROM subscriptions`.execute(db);
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    clock.advanceTo(DUE);
    const started = Date.now();
    let ran = 0;
    for (;;) {
      const result = await server.services.scheduler.runDue();
      ran += result.ran;
      const { rows } = await sql<{ left: string }>`
        SELECT count(*) AS left FROM scheduled_jobs WHERE kind = 'subscription.renew' AND run_at = ${DUE}
          AND status IN ('pending', 'running')`.execute(db);
      if (Number(rows[0]!.left) === 0) break;
    }
    const seconds = (Date.now() - started) / 1000;

    const { rows: charges } = await sql<{ charged: string; twice: string }>`
      SELECT count(*) AS charged,
        (SELECT count(*) FROM (SELECT item_id FROM payments WHERE source = 'subscription'
          GROUP BY item_id HAVING count(*) > 1) doubles) AS twice
      FROM payments WHERE source = 'subscription' AND status = 'succeeded'`.execute(db);
    const audit = await server.services.ledger.audit(db);
    return {
      [`renewal run: ${COUNT.toLocaleString('en-US')} subscriptions due at once, PostgreSQL, sandbox rail`]: `${seconds.toFixed(1)} s, ${Math.round(COUNT / seconds).toLocaleString('en-US')} renewals/s (${ran.toLocaleString('en-US')} jobs run; loading them took ${loadSeconds.toFixed(1)} s) [goal ≤ 60 s for 100,000]`,
      'renewal run: charged exactly once each, ledger balanced': `${Number(charges[0]!.charged) === COUNT && Number(charges[0]!.twice) === 0 ? 'yes' : 'NO'} (${charges[0]!.charged} charges, ${charges[0]!.twice} subscriptions charged twice; ledger ${audit.balanced ? 'balanced' : 'NOT balanced'})`,
    };
  } finally {
    await server.close();
  }
}

export async function benchRenewalRun(): Promise<Record<string, string>> {
  const outcome = await withScratchPostgres(renewalRun);
  return 'skipped' in outcome ? { 'renewal run, PostgreSQL': outcome.skipped } : outcome.result;
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchRenewalRun());
