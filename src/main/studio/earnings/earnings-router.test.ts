import { TRPCError } from '@trpc/server';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentSnapshot } from '@shared/domain/money/payment-kind';
import { readCsv } from '@shared/test/csv-reader';
import { AccountRegistry } from '../accounts/account-registry';
import { accountDatabaseFile } from '../accounts/account-session';
import { openDatabase } from '../db/connection';
import { studioMigrations } from '../db/migrations/studio';
import { Outbox } from '../sync/outbox';
import { applyPage } from '../sync/apply-page';
import { StudioKinds } from '../sync/synced-kind';
import { TestOnlyMemorySecretStore } from '../secrets/test-only-memory-secret-store';
import { createStudio, type Studio } from '../services';
import { tempDir } from '../test/temp-dir';
import { openEarnings } from './earnings-feature';

// Both accounts' server is unreachable: everything here is read from the account's own SQLite file.
const account = (id: string, handle: string) => ({
  id,
  serverUrl: 'http://127.0.0.1:9',
  email: `${handle}@example.test`,
  handle,
  displayName: handle,
  role: 'creator' as const,
});
const ANA = account('018f0000-0000-7000-8000-0000000000a1', 'ana');
const BEN = account('018f0000-0000-7000-8000-0000000000b2', 'ben');

const payment = (id: string, overrides: Partial<PaymentSnapshot> = {}): PaymentSnapshot => ({
  id,
  source: 'tip',
  itemId: null,
  fanId: 'fan-1',
  currency: 'USD',
  amount: '555',
  fee: '55',
  refunded: '0',
  status: 'succeeded',
  settledAt: '2026-12-02T10:00:00.000Z',
  createdAt: '2026-12-02T10:00:00.000Z',
  ...overrides,
});

/** Stores payments in an account's database as sync would (a pulled page of the `payment` kind). */
function pulled(dataDir: string, accountId: string, payments: readonly PaymentSnapshot[]): void {
  const db = openDatabase(accountDatabaseFile(dataDir, accountId));
  try {
    const kinds = new StudioKinds([openEarnings({ db, outbox: new Outbox(db), account: ANA }).kind]);
    const changes = payments.map((data, i) => ({
      seq: i + 1,
      entity: 'payment',
      op: 'upsert' as const,
      id: data.id,
      data,
    }));
    applyPage(db, kinds, changes, changes.length);
  } finally {
    db.close();
  }
}

const refusal = (error: unknown) =>
  error instanceof TRPCError ? `${error.code}: ${error.message}` : `not refused: ${String(error)}`;

let dir: ReturnType<typeof tempDir>;
let studio: Studio;
let api: ReturnType<Studio['router']['createCaller']>;
beforeEach(async () => {
  dir = tempDir();
  const studioDb = openDatabase(join(dir.path, 'studio.sqlite'), studioMigrations);
  const registry = new AccountRegistry(studioDb);
  registry.saveAndActivate(BEN);
  registry.saveAndActivate(ANA);
  studioDb.close();
  pulled(dir.path, ANA.id, [
    payment('tip-1', { settledAt: '2026-12-01T09:00:00.000Z', createdAt: '2026-12-01T09:00:00.000Z' }),
    payment('sub-1', {
      source: 'subscription',
      amount: '999',
      fee: '99',
      settledAt: '2026-12-02T23:30:00.000Z',
      createdAt: '2026-12-02T23:30:00.000Z',
    }),
    payment('ppv-1', {
      source: 'ppv',
      amount: '2000',
      fee: '200',
      refunded: '500',
      itemId: '=cmd|calc',
      createdAt: '2026-12-03T08:00:00.000Z',
      settledAt: '2026-12-03T08:00:00.000Z',
    }),
    payment('tip-2', { status: 'failed', fee: '0', settledAt: null, createdAt: '2026-12-04T08:00:00.000Z' }),
  ]);
  pulled(dir.path, BEN.id, [
    payment('ben-1', { currency: 'USDC', amount: '7000000', fee: '700000' }),
    payment('ben-ticket', {
      source: 'ticket',
      itemId: '018f0000-0000-7000-8000-00000000057e',
      amount: '750',
      fee: '75',
      settledAt: '2026-12-03T20:00:00.000Z',
      createdAt: '2026-12-03T20:00:00.000Z',
    }),
  ]);
  studio = await createStudio({ dataDir: dir.path, secretStore: new TestOnlyMemorySecretStore() });
  api = studio.router.createCaller(studio.createContext());
});
afterEach(async () => {
  await studio.close();
  dir.remove();
});

describe('earnings.* over the account’s own database, offline', () => {
  it('sums the balance, each source and each day from the payments synced before', async () => {
    const summary = await api.earnings.summary({ accountId: ANA.id });
    // 500 + 900 + (1800 less the creator's 450 of a 500 refund); the failed tip earns nothing.
    expect(summary).toMatchObject({
      paymentCount: 4,
      matching: 4,
      balances: [{ currency: 'USD', net: '2750' }],
      totals: [
        {
          currency: 'USD',
          net: '2750',
          bySource: { subscription: '900', ppv: '1350', ticket: '0', tip: '500' },
          earning: 3,
        },
      ],
    });
    expect(summary.daily[0]!.days.map((d) => [d.day, d.net])).toEqual([
      ['2026-12-01', '500'],
      ['2026-12-02', '900'],
      ['2026-12-03', '1350'],
    ]);
  });

  it('reads days in the time zone asked for, and filters by them', async () => {
    const paris = await api.earnings.summary({
      accountId: ANA.id,
      timeZone: 'Europe/Paris',
      filter: { from: '2026-12-03', to: '2026-12-03' },
    });
    // 23:30 UTC on the 2nd is the 3rd in Paris: the subscription joins that day.
    expect(paris.daily[0]!.days).toEqual([
      {
        day: '2026-12-03',
        net: '2250',
        bySource: { subscription: '900', ppv: '1350', ticket: '0', tip: '0' },
      },
    ]);
    expect(paris.balances).toEqual([{ currency: 'USD', net: '2750' }]);
  });

  it('lists the filter’s payments newest first, a page at a time, with each one’s net', async () => {
    const first = await api.earnings.list({ accountId: ANA.id, limit: 2 });
    expect(first.entries.map((e) => [e.id, e.net])).toEqual([
      ['tip-2', '0'],
      ['ppv-1', '1350'],
    ]);
    expect(first).toMatchObject({ total: 4, nextOffset: 2 });
    const rest = await api.earnings.list({ accountId: ANA.id, limit: 2, offset: 2 });
    expect(rest.entries.map((e) => e.id)).toEqual(['sub-1', 'tip-1']);
    expect(rest.nextOffset).toBeNull();
    const tips = await api.earnings.list({
      accountId: ANA.id,
      filter: { source: 'tip', status: 'succeeded' },
    });
    expect(tips.entries.map((e) => e.id)).toEqual(['tip-1']);
  });

  it('exports the filter’s payments as CSV with exact amounts, and a formula-like cell defused', async () => {
    const csv = await api.earnings.exportCsv({ accountId: ANA.id, filter: { source: 'ppv' } });
    expect(readCsv(csv)).toEqual([
      [
        'Day (UTC)',
        'Time (UTC)',
        'Payment',
        'Source',
        'Status',
        'Currency',
        'Amount',
        'Fee',
        'Refunded',
        'Net',
        'Item',
        'Fan',
      ],
      [
        '2026-12-03',
        '2026-12-03T08:00:00.000Z',
        'ppv-1',
        'ppv',
        'succeeded',
        'USD',
        '20.00',
        '2.00',
        '5.00',
        '13.50',
        "'=cmd|calc",
        'fan-1',
      ],
    ]);
  });

  it('keeps each account’s earnings to itself', async () => {
    const ben = await api.earnings.summary({ accountId: BEN.id });
    expect(ben.balances).toEqual([
      { currency: 'USD', net: '675' },
      { currency: 'USDC', net: '6300000' },
    ]);
    expect((await api.earnings.list({ accountId: BEN.id })).entries.map((e) => e.id)).toEqual([
      'ben-ticket',
      'ben-1',
    ]);
    expect(readCsv(await api.earnings.exportCsv({ accountId: BEN.id }))).toHaveLength(3);
  });

  it('counts a live stream’s tickets as a source of their own, and filters by it', async () => {
    const tickets = await api.earnings.summary({ accountId: BEN.id, filter: { source: 'ticket' } });
    expect(tickets).toMatchObject({
      matching: 1,
      totals: [
        {
          currency: 'USD',
          net: '675',
          bySource: { subscription: '0', ppv: '0', ticket: '675', tip: '0' },
          earning: 1,
        },
      ],
    });
    const listed = await api.earnings.list({ accountId: BEN.id, filter: { source: 'ticket' } });
    expect(listed.entries.map((e) => [e.id, e.source, e.net])).toEqual([['ben-ticket', 'ticket', '675']]);
    const [, row] = readCsv(
      await api.earnings.exportCsv({ accountId: BEN.id, filter: { source: 'ticket' } }),
    );
    expect(row?.slice(2, 10)).toEqual([
      'ben-ticket',
      'ticket',
      'succeeded',
      'USD',
      '7.50',
      '0.75',
      '0.00',
      '6.75',
    ]);
    const ana = await api.earnings.summary({ accountId: ANA.id, filter: { source: 'ticket' } });
    expect(ana).toMatchObject({ matching: 0, totals: [] });
  });

  it('answers with nothing for an account that was never paid', async () => {
    const empty = tempDir();
    try {
      const studioDb = openDatabase(join(empty.path, 'studio.sqlite'), studioMigrations);
      new AccountRegistry(studioDb).saveAndActivate(ANA);
      studioDb.close();
      const fresh = await createStudio({ dataDir: empty.path, secretStore: new TestOnlyMemorySecretStore() });
      try {
        const caller = fresh.router.createCaller(fresh.createContext());
        expect(await caller.earnings.summary({ accountId: ANA.id })).toEqual({
          paymentCount: 0,
          balances: [],
          matching: 0,
          totals: [],
          daily: [],
        });
        expect(await caller.earnings.list({ accountId: ANA.id })).toEqual({
          entries: [],
          total: 0,
          nextOffset: null,
        });
        expect(await caller.earnings.exportCsv({ accountId: ANA.id })).toBe(
          'Day (UTC),Time (UTC),Payment,Source,Status,Currency,Amount,Fee,Refunded,Net,Item,Fan\r\n',
        );
      } finally {
        await fresh.close();
      }
    } finally {
      empty.remove();
    }
  });

  it('refuses a filter it cannot read, in words, before reading anything', async () => {
    const refused = (input: object) =>
      api.earnings.list({ accountId: ANA.id, ...input }).then(
        () => 'not refused',
        (error: unknown) => refusal(error),
      );
    expect(await refused({ filter: { from: '2026-12-03', to: '2026-12-01' } })).toBe(
      'BAD_REQUEST: filter.to: must not be before the first day',
    );
    expect(await refused({ filter: { from: '2026-02-30' } })).toBe(
      'BAD_REQUEST: filter.from: must be a date like 2026-12-31',
    );
    expect(await refused({ timeZone: 'Mars/Olympus_Mons' })).toBe(
      'BAD_REQUEST: timeZone: must be a time zone like Europe/Paris or UTC',
    );
    expect(await refused({ filter: { source: 'bid' } })).toMatch(/^BAD_REQUEST: filter\.source/);
    expect(await refused({ limit: 201 })).toMatch(/^BAD_REQUEST: limit/);
    expect(await refused({ offset: -1 })).toMatch(/^BAD_REQUEST: offset/);
    expect(await refused({ accountId: 'nobody' })).toBe(
      'NOT_FOUND: Account nobody is not signed in to this studio',
    );
  });
});
