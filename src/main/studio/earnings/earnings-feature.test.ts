import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentSnapshot } from '@shared/domain/money/payment-kind';
import type { Change } from '@shared/domain/sync/protocol';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { applyPage } from '../sync/apply-page';
import { readCursor } from '../sync/cursor';
import { Outbox } from '../sync/outbox';
import { StudioKinds } from '../sync/synced-kind';
import { tempDir } from '../test/temp-dir';
import { openEarnings } from './earnings-feature';
import type { PaymentTable } from './payment-table';

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-0000000000cc',
  serverUrl: 'http://127.0.0.1:9',
  email: 'c@example.test',
  handle: 'c',
  displayName: 'C',
  role: 'creator' as const,
};

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
const change = (seq: number, data: unknown, id = (data as { id: string }).id): Change => ({
  seq,
  entity: 'payment',
  op: 'upsert',
  id,
  data,
});

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let payments: PaymentTable;
let kinds: StudioKinds;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
  const opened = openEarnings({ db, outbox: new Outbox(db), account: ACCOUNT });
  payments = opened.payments;
  kinds = new StudioKinds([opened.kind]);
});
afterEach(() => {
  db.close();
  dir.remove();
});

describe('earnings: payments pulled from the feed', () => {
  it('keeps each payment as the server last told it, exact to the unit, newest first', () => {
    const big = '1' + '0'.repeat(40); // more than a float or an INTEGER could hold
    applyPage(
      db,
      kinds,
      [
        change(1, payment('p1')),
        change(2, payment('p2', { amount: big, createdAt: '2026-12-02T11:00:00.000Z' })),
      ],
      2,
    );
    applyPage(db, kinds, [change(3, payment('p1', { refunded: '555', status: 'succeeded' }))], 3);
    expect(payments.all().map((p) => [p.id, p.amount, p.refunded])).toEqual([
      ['p2', big, '0'],
      ['p1', '555', '555'],
    ]);
    expect(readCursor(db)).toBe(3);
  });

  it('skips a change it cannot read instead of storing half of it, and keeps going', () => {
    applyPage(db, kinds, [change(1, { id: 'bad', amount: 12.5 }), change(2, payment('p3'))], 2);
    expect(payments.all().map((p) => p.id)).toEqual(['p3']);
  });

  it('a page that fails half-way leaves neither its payments nor its cursor', () => {
    const failing = new StudioKinds([
      kinds.get('payment')!,
      {
        spec: { entity: 'boom', changeSchema: null },
        applyChanges: () => {
          throw new Error('disk full');
        },
      },
    ]);
    expect(() =>
      applyPage(
        db,
        failing,
        [change(1, payment('p4')), { seq: 2, entity: 'boom', op: 'upsert', id: 'x', data: {} }],
        2,
      ),
    ).toThrow(/disk full/);
    expect(payments.all()).toEqual([]);
    expect(readCursor(db)).toBe(0);
  });
});
