import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amount } from '@shared/domain/money';
import { ledgerAccount, paymentTransfers, PLATFORM_FEES } from '@shared/domain/money/ledger';
import type { DatabaseHandle } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { openTestDatabase } from '../../test/test-server';
import { LedgerRepository } from './ledger-repository';
import { LedgerService } from './ledger-service';

const usd = (minor: bigint) => amount('USD', minor);
const tip = (fan: string, creator: string, cents: bigint) =>
  paymentTransfers({
    from: ledgerAccount.fan(fan, 'sandbox'),
    creatorId: creator,
    total: usd(cents),
    feeBasisPoints: 1000,
  }).transfers;

let database: DatabaseHandle;
let ledger: LedgerService;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrateToLatest(database.db);
  ledger = new LedgerService(new LedgerRepository());
});
afterAll(() => database.close());

const db = () => database.db;
const creatorA = '0192f000-0000-7000-8000-00000000000a';
const creatorB = '0192f000-0000-7000-8000-00000000000b';

describe(`ledger (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('100 parallel posts with one idempotency key write one operation, and each caller learns its id', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        db()
          .transaction()
          .execute((trx) =>
            ledger.post(trx, {
              idempotencyKey: 'same-key',
              kind: 'payment.settled',
              source: 'tip',
              transfers: tip('f1', creatorA, 1000n),
            }),
          ),
      ),
    );
    expect(new Set(results.map((r) => r.operationId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await ledger.balance(db(), ledgerAccount.creator(creatorA), 'USD')).toBe(900n);
    expect(await ledger.balance(db(), PLATFORM_FEES, 'USD')).toBe(100n);
  });

  it('refuses a reused key with different content, and writes nothing for it', async () => {
    await expect(
      ledger.post(db(), {
        idempotencyKey: 'same-key',
        kind: 'payment.settled',
        source: 'tip',
        transfers: tip('f1', creatorA, 2000n),
      }),
    ).rejects.toThrow(/different movement/);
    expect(await ledger.balance(db(), ledgerAccount.creator(creatorA), 'USD')).toBe(900n);
  });

  it('1,000 parallel tips from 100 fans to two creators leave exact totals and a balanced ledger', async () => {
    const before = {
      a: await ledger.balance(db(), ledgerAccount.creator(creatorA), 'USD'),
      fees: await ledger.balance(db(), PLATFORM_FEES, 'USD'),
    };
    const tips = Array.from({ length: 1000 }, (_, i) => ({
      fan: `fan${i % 100}`,
      creator: i % 2 === 0 ? creatorA : creatorB,
      cents: BigInt(100 + (i % 7) * 33), // odd amounts, so fees round
    }));
    let concurrent = 0;
    const queue = [...tips.entries()];
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [i, t] = next;
          concurrent++;
          await db()
            .transaction()
            .execute((trx) =>
              ledger.post(trx, {
                idempotencyKey: `tip-${i}`,
                kind: 'payment.settled',
                source: 'tip',
                creatorId: t.creator,
                transfers: tip(t.fan, t.creator, t.cents),
              }),
            );
        }
      }),
    );
    expect(concurrent).toBe(1000);
    const expectedFees = tips.reduce((sum, t) => sum + (t.cents * 1000n) / 10000n, 0n);
    const expectedA = tips
      .filter((t) => t.creator === creatorA)
      .reduce((sum, t) => sum + t.cents - (t.cents * 1000n) / 10000n, 0n);
    expect(await ledger.balance(db(), PLATFORM_FEES, 'USD')).toBe(before.fees + expectedFees);
    expect(await ledger.balance(db(), ledgerAccount.creator(creatorA), 'USD')).toBe(before.a + expectedA);
    let fans = 0n;
    for (let f = 0; f < 100; f++)
      fans += await ledger.balance(db(), ledgerAccount.fan(`fan${f}`, 'sandbox'), 'USD');
    expect(-fans).toBe(tips.reduce((sum, t) => sum + t.cents, 0n));
    const audit = await ledger.audit(db());
    expect(audit).toMatchObject({ balanced: true, negative: [], emptyOperations: 0 });
    expect(audit.sums.USD).toBe(0n);
  });

  it('a transaction that fails after posting leaves no trace of the operation', async () => {
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await ledger.post(trx, {
            idempotencyKey: 'rolled-back',
            kind: 'payment.settled',
            transfers: tip('f9', creatorB, 500n),
          });
          throw new Error('the entitlement write failed');
        }),
    ).rejects.toThrow(/entitlement/);
    expect(await ledger.balance(db(), ledgerAccount.fan('f9', 'sandbox'), 'USD')).toBe(0n);
    const again = await ledger.post(db(), {
      idempotencyKey: 'rolled-back',
      kind: 'payment.settled',
      transfers: tip('f9', creatorB, 500n),
    });
    expect(again.replayed).toBe(false);
  });

  it('refuses zero, negative-going and self transfers before the database, and the database refuses them too', async () => {
    await expect(
      ledger.post(db(), {
        idempotencyKey: 'zero',
        kind: 'payout',
        transfers: [{ debit: 'creator:x', credit: 'payout:x:sandbox', amount: usd(0n) }],
      }),
    ).rejects.toThrow(/positive/);
    await expect(
      db()
        .insertInto('ledger_transfers')
        .values({
          operation_id: (
            await ledger.post(db(), {
              idempotencyKey: 'one',
              kind: 'payout',
              transfers: [{ debit: 'creator:x', credit: 'payout:x:sandbox', amount: usd(1n) }],
            })
          ).operationId,
          debit: 'creator:x',
          credit: 'creator:x',
          currency: 'USD',
          amount: '5',
        })
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it('the audit finds an account below zero that must never be', async () => {
    await ledger.post(db(), {
      idempotencyKey: 'overdrawn-fees',
      kind: 'payment.refunded',
      transfers: [
        { debit: PLATFORM_FEES, credit: ledgerAccount.fan('f1', 'sandbox'), amount: usd(10n ** 12n) },
      ],
    });
    const audit = await ledger.audit(db());
    expect(audit.balanced).toBe(false);
    expect(audit.negative.map((n) => n.account)).toEqual([PLATFORM_FEES]);
    expect(audit.sums.USD).toBe(0n);
  });
});
