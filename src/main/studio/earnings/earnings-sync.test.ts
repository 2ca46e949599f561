import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCsv } from '@shared/test/csv-reader';
import { realServerSuite } from '../test/real-server-suite';
import { signUpOnServer } from '../test/server-accounts';
import { waitFor } from '../test/studio-harness';

const { server, openSignedIn } = realServerSuite();

describe('earnings from the real server', () => {
  it('shows a fan’s tip after sync, and still shows and exports it with the server gone', async () => {
    const creator = await signUpOnServer(server.url);
    const fan = await signUpOnServer(server.url, 'fan');
    const t = await openSignedIn(creator);
    await waitFor('online', () => t.studio.state().sync.state === 'online');
    const accountId = creator.id;

    const paid = await fan.api.tips.send.mutate({
      handle: creator.handle,
      amount: '555',
      currency: 'USD',
      message: 'For the pots',
      paymentMethod: 'sandbox_card_4242424242424242',
      idempotencyKey: randomUUID(),
    });
    expect(paid.status).toBe('succeeded');
    await waitFor('the tip in the studio', async () => {
      await t.syncNow();
      return (await t.api.earnings.summary({ accountId })).paymentCount === 1;
    });
    const summary = await t.api.earnings.summary({ accountId });
    // The platform's 10% of $5.55, rounded down, stays with the platform.
    expect(summary.balances).toEqual([{ currency: 'USD', net: '500' }]);
    expect(summary.totals[0]?.bySource).toEqual({ subscription: '0', ppv: '0', ticket: '0', tip: '500' });

    await server.kill();
    await waitFor('offline', () => t.studio.state().sync.state === 'offline');
    const list = await t.api.earnings.list({ accountId });
    expect(list.entries.map((e) => [e.id, e.source, e.status, e.amount, e.fee, e.net])).toEqual([
      [paid.paymentId, 'tip', 'succeeded', '555', '55', '500'],
    ]);
    const [, row] = readCsv(await t.api.earnings.exportCsv({ accountId }));
    expect(row?.slice(2, 10)).toEqual([
      paid.paymentId,
      'tip',
      'succeeded',
      'USD',
      '5.55',
      '0.55',
      '0.00',
      '5.00',
    ]);
  });
});
