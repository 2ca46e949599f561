import {
  refuse,
  requiredInt,
  requiredString,
  metadataOf,
  str,
  StandInRefusal,
  type StandInObject,
  type StandInParams,
  type StandInRoute,
  type StandInStore,
} from './stripe-stand-in-store';

/**
 * TEST SUPPORT, NOT STRIPE: the stand-in's customers, PaymentIntents (confirm, capture, cancel), refunds and
 * Connect transfers. A confirm with one of Stripe's declining test payment methods answers Stripe's 402
 * `card_error` with the PaymentIntent inside, as Stripe documents it. Never used by production code.
 */

const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

export class StandInPayments {
  constructor(private readonly store: StandInStore) {}

  readonly routes: readonly StandInRoute[] = [
    ['POST', /^\/v1\/customers$/, (p) => this.#createCustomer(p)],
    ['POST', /^\/v1\/payment_intents$/, (p) => this.#createPaymentIntent(p)],
    ['POST', /^\/v1\/payment_intents\/([^/]+)\/capture$/, (p, id) => this.#capture(id, p)],
    ['POST', /^\/v1\/payment_intents\/([^/]+)\/cancel$/, (_p, id) => this.#cancel(id)],
    ['POST', /^\/v1\/refunds$/, (p) => this.#createRefund(p)],
    ['POST', /^\/v1\/transfers$/, (p) => this.#createTransfer(p)],
  ];

  #createCustomer(p: StandInParams): StandInObject {
    return this.store.create('cus', 'customer', { email: str(p.email), metadata: metadataOf(p), balance: 0 });
  }

  #createPaymentIntent(p: StandInParams): StandInObject {
    const amount = requiredInt(p, 'amount');
    if (amount < 50) refuse('amount_too_small', 'Amount must be at least $0.50 usd', 'amount');
    const customer = str(p.customer);
    if (customer) this.store.find(customer, 'customer');
    const intent = this.store.create('pi', 'payment_intent', {
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: requiredString(p, 'currency'),
      customer,
      payment_method: str(p.payment_method),
      capture_method: str(p.capture_method) ?? 'automatic',
      confirmation_method: 'automatic',
      description: str(p.description),
      metadata: metadataOf(p),
      transfer_group: str(p.transfer_group),
      status: 'requires_confirmation',
      latest_charge: null,
      last_payment_error: null,
      canceled_at: null,
    });
    if (p.confirm === 'true') this.#confirm(intent);
    return intent;
  }

  #confirm(intent: StandInObject): void {
    const paymentMethod = String(intent.payment_method ?? '');
    const behaviour = this.store.paymentMethods.get(paymentMethod);
    if (!behaviour) {
      intent.status = 'requires_payment_method';
      refuse('resource_missing', `No such PaymentMethod: '${paymentMethod}'`, 'payment_method');
    }
    const amount = Number(intent.amount);
    const charge = this.store.create('ch', 'charge', {
      amount,
      amount_captured: 0,
      amount_refunded: 0,
      refunded: false,
      captured: false,
      currency: intent.currency,
      payment_intent: intent.id,
      // Stripe copies the PaymentIntent's metadata onto its charge when it is confirmed.
      metadata: { ...(intent.metadata as object) },
      status: behaviour.kind === 'declines' ? 'failed' : 'succeeded',
    });
    intent.latest_charge = charge.id;
    if (behaviour.kind === 'declines') {
      const error = {
        type: 'card_error',
        code: behaviour.code,
        decline_code: behaviour.declineCode,
        message: behaviour.message,
        charge: charge.id,
        doc_url: `https://docs.stripe.com/error-codes/${behaviour.code.replace(/_/g, '-')}`,
      };
      intent.status = 'requires_payment_method';
      intent.last_payment_error = error;
      throw new StandInRefusal(402, { ...error, payment_intent: intent });
    }
    if (behaviour.kind === 'processing') {
      intent.status = 'processing';
    } else if (intent.capture_method === 'manual') {
      intent.status = 'requires_capture';
      intent.amount_capturable = amount;
    } else {
      intent.status = 'succeeded';
      intent.amount_received = amount;
      Object.assign(charge, { captured: true, amount_captured: amount });
    }
  }

  #capture(id: string, p: StandInParams): StandInObject {
    const intent = this.store.find(id, 'payment_intent');
    if (intent.status !== 'requires_capture') {
      refuse(
        'payment_intent_unexpected_state',
        `This PaymentIntent could not be captured because it has a status of ${String(intent.status)}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
      );
    }
    const capturable = Number(intent.amount_capturable);
    const amount = p.amount_to_capture === undefined ? capturable : requiredInt(p, 'amount_to_capture');
    if (amount > capturable) {
      refuse(
        'amount_too_large',
        'The amount to capture is greater than the amount capturable.',
        'amount_to_capture',
      );
    }
    Object.assign(intent, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
    const charge = this.store.find(String(intent.latest_charge), 'charge');
    Object.assign(charge, { captured: true, amount_captured: amount });
    return intent;
  }

  #cancel(id: string): StandInObject {
    const intent = this.store.find(id, 'payment_intent');
    if (!CANCELABLE.includes(String(intent.status))) {
      refuse(
        'payment_intent_unexpected_state',
        `You cannot cancel this PaymentIntent because it has a status of ${String(intent.status)}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
      );
    }
    return Object.assign(intent, { status: 'canceled', canceled_at: this.store.now(), amount_capturable: 0 });
  }

  #createRefund(p: StandInParams): StandInObject {
    const intent = this.store.find(requiredString(p, 'payment_intent'), 'payment_intent');
    if (intent.status !== 'succeeded') {
      refuse('charge_not_refundable', 'This PaymentIntent does not have a successful charge to refund.');
    }
    const charge = this.store.find(String(intent.latest_charge), 'charge');
    const left = Number(charge.amount_captured) - Number(charge.amount_refunded);
    const amount = p.amount === undefined ? left : requiredInt(p, 'amount');
    if (amount > left) {
      refuse(
        'amount_too_large',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
      );
    }
    const refunded = Number(charge.amount_refunded) + amount;
    Object.assign(charge, {
      amount_refunded: refunded,
      refunded: refunded === Number(charge.amount_captured),
    });
    return this.store.create('re', 'refund', {
      amount,
      currency: intent.currency,
      charge: charge.id,
      payment_intent: intent.id,
      metadata: metadataOf(p),
      status: 'succeeded',
    });
  }

  #createTransfer(p: StandInParams): StandInObject {
    const destination = requiredString(p, 'destination');
    if (!destination.startsWith('acct_')) refuse('resource_missing', `No such destination: '${destination}'`);
    return this.store.create('tr', 'transfer', {
      amount: requiredInt(p, 'amount'),
      currency: requiredString(p, 'currency'),
      destination,
      transfer_group: str(p.transfer_group),
      metadata: metadataOf(p),
      reversed: false,
      amount_reversed: 0,
    });
  }
}
