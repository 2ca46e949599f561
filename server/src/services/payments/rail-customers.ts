import type { PaymentLedgerContext } from './payment-context';
import type { PayRequest } from './payment-types';

/** Fans' customers on the rail: written once, never changed, so kept (bounded) after the first read. */
export class RailCustomers {
  readonly #customers = new Map<string, string>();

  constructor(private readonly ctx: Pick<PaymentLedgerContext, 'db' | 'payments' | 'rail'>) {}

  /** The fan's customer on the rail, made on the rail the first time the fan pays there. */
  async of(fan: PayRequest['fan']): Promise<string> {
    const { db, payments, rail } = this.ctx;
    const cached = this.#customers.get(fan.id);
    if (cached) return cached;
    const known = await payments.customerOf(db, fan.id, rail.name);
    if (known) return this.#remember(fan.id, known);
    const customer = await rail.ensureCustomer({
      idempotencyKey: `customer:${fan.id}`,
      fanId: fan.id,
      email: fan.email,
    });
    await payments.saveCustomer(db, fan.id, rail.name, customer);
    return this.#remember(fan.id, customer);
  }

  /** Reads the customers of many fans not kept yet in one query (a renewal run), so `of` finds them kept. */
  async preload(fanIds: readonly string[]): Promise<void> {
    const { db, payments, rail } = this.ctx;
    const known = await payments.customersOf(
      db,
      [...new Set(fanIds.filter((fanId) => !this.#customers.has(fanId)))],
      rail.name,
    );
    for (const [fanId, customer] of known) this.#remember(fanId, customer);
  }

  #remember(fanId: string, customer: string): string {
    if (this.#customers.size >= 100_000) this.#customers.clear();
    this.#customers.set(fanId, customer);
    return customer;
  }
}
