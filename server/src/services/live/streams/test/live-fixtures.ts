import { newId } from '@shared/domain/ids';
import type { StreamDraft } from '@shared/domain/live/stream';
import type { AccountView } from '../../../accounts/account-service';
import { sandboxPaymentMethod } from '../../../../adapters/payments/sandbox-rail';
import { signUp, type ServerClient, type TestServer } from '../../../../test/test-server';

export const CARD_OK = sandboxPaymentMethod('4242424242424242');

export const streamDraft = (overrides: Partial<StreamDraft> = {}): StreamDraft => ({
  title: 'Kiln opening',
  accessRule: { kind: 'public' },
  ticketPrice: null,
  scheduledFor: null,
  ...overrides,
});

/** A draft selling tickets at `cents` to stream `id`, open to its ticket holders (and `alsoOpenTo`, if given). */
export const ticketedDraft = (
  id: string,
  cents = '500',
  alsoOpenTo?: StreamDraft['accessRule'],
): StreamDraft =>
  streamDraft({
    accessRule: alsoOpenTo
      ? { kind: 'any', rules: [alsoOpenTo, { kind: 'purchased', itemId: id }] }
      : { kind: 'purchased', itemId: id },
    ticketPrice: { currency: 'USD', minor: cents },
  });

export interface Person {
  readonly id: string;
  readonly account: AccountView;
  readonly handle: string | null;
  readonly client: ServerClient;
}

export async function person(server: TestServer, role: 'fan' | 'creator'): Promise<Person> {
  const signed = await signUp(server, role);
  return {
    id: signed.account.id,
    account: signed.account,
    handle: signed.account.handle,
    client: signed.client,
  };
}

/** A fan subscribed to `tierId` of the creator behind `handle`, paid with the sandbox's good card. */
export async function subscriber(server: TestServer, handle: string, tierId: string): Promise<Person> {
  const fan = await person(server, 'fan');
  await fan.client.subscriptions.subscribe.mutate({
    handle,
    tierId,
    interval: 'month',
    paymentMethod: CARD_OK,
    idempotencyKey: newId(),
  });
  return fan;
}
