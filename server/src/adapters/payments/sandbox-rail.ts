import { randomUUID } from 'node:crypto';
import { ConflictError, ValidationError } from '@shared/domain/errors';
import type { Amount } from '@shared/domain/money';
import type {
  ChargeOutcome,
  ChargeRequest,
  CustomerRequest,
  PaymentRail,
  PayoutRequest,
  PriceRequest,
  PromoRequest,
  RailEvent,
  RailSubscription,
  RefundRequest,
  SubscribeRequest,
} from '../../services/payments/payment-rail';

/**
 * The test cards the sandbox knows: Stripe's published test numbers, so the same numbers behave alike on both
 * rails. A sandbox payment method is `sandbox_card_<number>`; the fan web's sandbox form sends that.
 */
export const SANDBOX_CARDS = {
  '4242424242424242': { label: 'Succeeds', behaviour: 'succeed' },
  '4000000000000002': { label: 'Declined', behaviour: 'decline' },
  '4000000000009995': { label: 'Declined: insufficient funds', behaviour: 'insufficient_funds' },
  '4000000000000119': { label: 'Accepted, then fails a moment later', behaviour: 'fail_later' },
  '4000000000000259': { label: 'Succeeds, then the fan disputes it', behaviour: 'dispute' },
} as const;

type Behaviour = (typeof SANDBOX_CARDS)[keyof typeof SANDBOX_CARDS]['behaviour'];

export const SANDBOX_PAYMENT_METHOD_PREFIX = 'sandbox_card_';

export function sandboxPaymentMethod(cardNumber: string): string {
  return `${SANDBOX_PAYMENT_METHOD_PREFIX}${cardNumber.replace(/[\s-]/g, '')}`;
}

function behaviourOf(paymentMethod: string): Behaviour {
  const number = paymentMethod.startsWith(SANDBOX_PAYMENT_METHOD_PREFIX)
    ? paymentMethod.slice(SANDBOX_PAYMENT_METHOD_PREFIX.length)
    : '';
  const card = SANDBOX_CARDS[number as keyof typeof SANDBOX_CARDS];
  if (!card) {
    throw new ValidationError(
      `the sandbox takes only its test cards (${Object.keys(SANDBOX_CARDS).join(', ')})`,
      'paymentMethod',
    );
  }
  return card.behaviour;
}

interface SandboxCharge {
  readonly reference: string;
  readonly amount: Amount;
  captured: bigint;
  refunded: bigint;
  status: 'held' | 'succeeded' | 'failed' | 'voided' | 'processing';
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * The in-process rail for development and tests: no money moves anywhere. It keeps what a real rail would
 * (customers, charges, refunds, payouts), honours idempotency keys like Stripe (the same key returns the first
 * answer; the same key with other parameters is refused), and tells back what happens later (a charge that
 * fails after being accepted, a dispute) as `RailEvent`s through `deliver`, exactly as Stripe's webhooks do.
 * Refused in production by the composition root.
 */
export class SandboxRail implements PaymentRail {
  readonly name = 'sandbox' as const;
  readonly #answers = new Map<string, { params: string; answer: unknown }>();
  readonly #charges = new Map<string, SandboxCharge>();
  readonly #pending: RailEvent[] = [];
  #deliverer: ((event: RailEvent) => Promise<void>) | null = null;
  #delivering: Promise<void> | null = null;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Where later events go: the same handler Stripe's webhook route calls. */
  deliverTo(deliver: (event: RailEvent) => Promise<void>): void {
    this.#deliverer = deliver;
  }

  /** Resolves once every event told so far was delivered (tests). */
  async settled(): Promise<void> {
    while (this.#delivering || this.#pending.length > 0) {
      this.#deliverSoon();
      await this.#delivering;
    }
  }

  async ensureCustomer(request: CustomerRequest): Promise<string> {
    return this.#once(request.idempotencyKey, request, () => `sandbox_cus_${request.fanId}`);
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    return this.#once(request.idempotencyKey, request, (): ChargeOutcome => {
      const behaviour = behaviourOf(request.paymentMethod);
      const reference = this.#id('ch');
      if (behaviour === 'decline')
        return { status: 'declined', reference, reason: 'Your card was declined.' };
      if (behaviour === 'insufficient_funds') {
        return { status: 'declined', reference, reason: 'Your card has insufficient funds.' };
      }
      const charge: SandboxCharge = {
        reference,
        amount: request.amount,
        captured: 0n,
        refunded: 0n,
        status: request.hold ? 'held' : behaviour === 'fail_later' ? 'processing' : 'succeeded',
        metadata: request.metadata,
      };
      if (charge.status === 'succeeded') charge.captured = request.amount.minor;
      this.#charges.set(reference, charge);
      if (behaviour === 'fail_later') {
        this.#tell({
          type: 'charge.failed',
          charge: reference,
          reason: 'The card was declined after all.',
          metadata: request.metadata,
        });
        return { status: 'processing', reference };
      }
      if (behaviour === 'dispute' && !request.hold) {
        this.#tell({
          type: 'charge.dispute.opened',
          charge: reference,
          dispute: this.#id('dp'),
          amount: request.amount,
          outcome: null,
        });
      }
      return request.hold ? { status: 'held', reference } : { status: 'succeeded', reference };
    });
  }

  async capture(charge: string, amount: Amount, idempotencyKey: string): Promise<void> {
    await this.#once(idempotencyKey, { charge, amount }, () => {
      const held = this.#charge(charge);
      if (held.status !== 'held') throw new ConflictError('only a held charge can be captured');
      if (amount.minor > held.amount.minor)
        throw new ValidationError('cannot capture more than was held', 'amount');
      held.status = 'succeeded';
      held.captured = amount.minor;
      return null;
    });
  }

  async void(charge: string, idempotencyKey: string): Promise<void> {
    await this.#once(idempotencyKey, { charge }, () => {
      const held = this.#charge(charge);
      if (held.status !== 'held') throw new ConflictError('only a held charge can be released');
      held.status = 'voided';
      return null;
    });
  }

  async refund(request: RefundRequest): Promise<{ reference: string }> {
    return this.#once(request.idempotencyKey, request, () => {
      const charge = this.#charge(request.charge);
      if (charge.status !== 'succeeded') throw new ConflictError('only a settled charge can be refunded');
      if (charge.refunded + request.amount.minor > charge.captured) {
        throw new ValidationError('cannot refund more than was charged', 'amount');
      }
      charge.refunded += request.amount.minor;
      return { reference: this.#id('re') };
    });
  }

  async payout(request: PayoutRequest): Promise<{ reference: string }> {
    return this.#once(request.idempotencyKey, request, () => ({ reference: this.#id('tr') }));
  }

  async ensurePrice(request: PriceRequest): Promise<string> {
    return this.#once(
      `price:${request.tierId}:${request.interval}:${request.amount.currency}:${request.amount.minor}`,
      null,
      () => this.#id('price'),
    );
  }

  async ensurePromo(request: PromoRequest): Promise<string> {
    return this.#once(request.idempotencyKey, request, () => this.#id('promo'));
  }

  // Subscriptions on the sandbox are driven by the subscription service's own scheduled renewals, each a
  // `charge`; these Billing-shaped calls answer as Stripe would for a subscription whose invoices the service
  // charges itself.
  async subscribe(request: SubscribeRequest): Promise<RailSubscription> {
    return this.#once(request.idempotencyKey, request, () => {
      behaviourOf(request.paymentMethod);
      return {
        reference: this.#id('sub'),
        status: request.trialDays > 0 ? 'trialing' : 'active',
        currentPeriodEnd: this.now(),
        cancelAtPeriodEnd: false,
      } satisfies RailSubscription;
    });
  }

  async setCancelAtPeriodEnd(subscription: string, cancel: boolean): Promise<RailSubscription> {
    return {
      reference: subscription,
      status: 'active',
      currentPeriodEnd: this.now(),
      cancelAtPeriodEnd: cancel,
    };
  }

  async changePrice(subscription: string): Promise<RailSubscription> {
    return {
      reference: subscription,
      status: 'active',
      currentPeriodEnd: this.now(),
      cancelAtPeriodEnd: false,
    };
  }

  /** Closes a dispute the sandbox opened (tests: the card network decided). */
  closeDispute(charge: string, dispute: string, outcome: 'won' | 'lost'): void {
    const found = this.#charge(charge);
    this.#tell({ type: 'charge.dispute.closed', charge, dispute, amount: found.amount, outcome });
  }

  #charge(reference: string): SandboxCharge {
    const charge = this.#charges.get(reference);
    if (!charge) throw new ValidationError(`no sandbox charge ${reference}`, 'charge');
    return charge;
  }

  /** Stripe's idempotency: the first answer for a key, again; other parameters under a used key are refused. */
  #once<T>(key: string, params: unknown, make: () => T): T {
    const text = JSON.stringify(params, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    const seen = this.#answers.get(key);
    if (seen) {
      if (seen.params !== text) {
        throw new ConflictError('this idempotency key was used with other parameters');
      }
      return seen.answer as T;
    }
    const answer = make();
    this.#answers.set(key, { params: text, answer });
    return answer;
  }

  #id(prefix: string): string {
    return `sandbox_${prefix}_${randomUUID()}`;
  }

  #tell(event: DistributiveOmit<RailEvent, 'id' | 'occurredAt'>): void {
    this.#pending.push({ ...event, id: this.#id('evt'), occurredAt: this.now() } as RailEvent);
    this.#deliverSoon();
  }

  #deliverSoon(): void {
    if (this.#delivering || !this.#deliverer) return;
    const deliver = this.#deliverer;
    this.#delivering = (async () => {
      // After the current call returns, as a webhook arrives after the API answered.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.#pending.length > 0) {
        const event = this.#pending.shift()!;
        try {
          await deliver(event);
        } catch {
          // A real rail retries a webhook the server failed; so does the sandbox, once the server may be back.
          this.#pending.unshift(event);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    })().finally(() => {
      this.#delivering = null;
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
