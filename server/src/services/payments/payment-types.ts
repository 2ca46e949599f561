import { ValidationError } from '@shared/domain/errors';
import type { Amount } from '@shared/domain/money';
import type { PaymentSource } from '@shared/domain/money/ledger';
import type { PaymentRecord } from './payment-repository';

/** A card the rail refused: the fan sees the rail's reason next to the card field. */
export class PaymentDeclinedError extends ValidationError {
  override readonly name = 'PaymentDeclinedError';
  override readonly code = 'payment_declined';
  constructor(reason: string) {
    super(reason, 'paymentMethod');
  }
}

export interface PayRequest {
  /** Already scoped to the fan by the caller (`tip:<fanId>:<client key>`): a retry finds the first payment. */
  readonly idempotencyKey: string;
  readonly fan: { readonly id: string; readonly email: string };
  readonly creatorId: string;
  readonly source: PaymentSource;
  readonly itemId: string | null;
  /** From the server's own records (tier, post, tip settings), never from the client. */
  readonly amount: Amount;
  readonly paymentMethod: string;
  readonly description: string;
  /** What the feature needs when the payment settles (a tip's message). */
  readonly details: Readonly<Record<string, unknown>>;
}

/** A payment as the fan who made it sees it. */
export interface PaymentView {
  readonly paymentId: string;
  readonly status: PaymentRecord['status'];
  readonly currency: Amount['currency'];
  /** Minor units as text. */
  readonly amount: string;
  readonly failure: string | null;
}

export const toPaymentView = (p: PaymentRecord): PaymentView => ({
  paymentId: p.id,
  status: p.status,
  currency: p.amount.currency,
  amount: p.amount.minor.toString(),
  failure: p.failure,
});
