import type { PaymentSource } from '@shared/domain/money/ledger';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { PaymentRecord } from './payment-repository';

/**
 * What each feature does when a payment for it settles, is refunded or disputed, in the same transaction as
 * the ledger's transfers (tips write the tip; pay-per-view the purchase; subscriptions the paid period).
 */
export interface PaymentPurpose {
  readonly source: PaymentSource;
  settled(trx: Transaction<Database>, payment: PaymentRecord): Promise<void>;
  /** Many settled at once (a renewal run), in multi-row statements; without it, `settled` runs for each. */
  settledMany?(trx: Transaction<Database>, payments: readonly PaymentRecord[]): Promise<void>;
  /** After a refund; `fully` when nothing is left of the payment. */
  refunded?(trx: Transaction<Database>, payment: PaymentRecord, fully: boolean): Promise<void>;
  /** The payment failed (declined at once, or later by the rail's event): nothing was bought. */
  failed?(trx: Transaction<Database>, payment: PaymentRecord): Promise<void>;
  /** A dispute opened: what it bought is taken back. */
  disputed?(trx: Transaction<Database>, payment: PaymentRecord): Promise<void>;
}

/** The features' purposes, one per payment source, registered at composition. */
export class PaymentPurposes {
  readonly #purposes = new Map<PaymentSource, PaymentPurpose>();

  register(purpose: PaymentPurpose): void {
    if (this.#purposes.has(purpose.source)) throw new Error(`two purposes for ${purpose.source}`);
    this.#purposes.set(purpose.source, purpose);
  }

  of(source: PaymentSource): PaymentPurpose {
    const purpose = this.#purposes.get(source);
    if (!purpose) throw new Error(`no purpose registered for ${source} payments`);
    return purpose;
  }
}
