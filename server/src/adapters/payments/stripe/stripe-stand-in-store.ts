import type { Clock } from '@shared/domain/clock';

/**
 * TEST SUPPORT, NOT STRIPE: the in-memory objects of the local Stripe stand-in (`stripe-stand-in.ts`) and the
 * helpers its resources share. Objects are shaped like Stripe's (the fields the SDK and our mapping read, not every
 * field Stripe sends); refusals carry Stripe's error body. Behaviour follows Stripe's documentation as read from the
 * SDK's types and has not been compared with Stripe. Never used by production code.
 */

/** Form-encoded parameters as the SDK sends them (`a[b][0]=x`), read back into nested objects and arrays. */
export type StandInParam = string | StandInParam[] | { [key: string]: StandInParam };
export type StandInParams = { [key: string]: StandInParam };
/** A Stripe-shaped JSON object. */
export type StandInObject = Record<string, unknown> & { id: string; object: string };

export interface StandInAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** One endpoint: its method, its path (the first group, if any, is the object's id) and what it answers. */
export type StandInRoute = readonly [string, RegExp, (params: StandInParams, id: string) => unknown];

/** A refusal answered with Stripe's error body: `{ error: { type, code, message, … } }`. */
export class StandInRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: Record<string, unknown>,
  ) {
    super(String(error.message));
  }
}

/** What a test payment method does when a PaymentIntent is confirmed with it. */
export type TestPaymentMethodBehaviour =
  | { readonly kind: 'succeeds' }
  | { readonly kind: 'processing' }
  | {
      readonly kind: 'declines';
      readonly code: string;
      readonly declineCode: string;
      readonly message: string;
    };

/** Stripe's own test payment methods (docs.stripe.com/testing), with the answers Stripe documents for them. */
export const STRIPE_TEST_PAYMENT_METHODS: Readonly<Record<string, TestPaymentMethodBehaviour>> = {
  pm_card_visa: { kind: 'succeeds' },
  pm_card_mastercard: { kind: 'succeeds' },
  pm_card_amex: { kind: 'succeeds' },
  pm_card_chargeDeclined: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: 'Your card was declined.',
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  pm_card_chargeDeclinedExpiredCard: {
    kind: 'declines',
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
  },
  // Off session, a card that asks for 3-D Secure is declined with `authentication_required`.
  pm_card_authenticationRequired: {
    kind: 'declines',
    code: 'authentication_required',
    declineCode: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
};

/** The stand-in's objects by id, the test payment methods it knows, and its clock. */
export class StandInStore {
  readonly objects = new Map<string, StandInObject>();
  readonly paymentMethods = new Map<string, TestPaymentMethodBehaviour>(
    Object.entries(STRIPE_TEST_PAYMENT_METHODS),
  );
  #counter = 0;

  constructor(private readonly clock: Clock) {}

  /** The objects of one kind (`payment_intent`, `customer`, …), in the order they were made. */
  ofKind(kind: string): StandInObject[] {
    return [...this.objects.values()].filter((object) => object.object === kind);
  }

  /** The object, or Stripe's 404 `resource_missing`. */
  find(id: string, kind: string): StandInObject {
    const found = this.objects.get(id);
    if (!found || found.object !== kind) {
      throw new StandInRefusal(404, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `No such ${kind.replace(/_/g, ' ')}: '${id}'`,
        param: 'id',
      });
    }
    return found;
  }

  /** A new object with a fresh `<prefix>_…` id. */
  create(prefix: string, kind: string, fields: Record<string, unknown>): StandInObject {
    return this.put({ id: this.nextId(prefix), object: kind, ...this.stamp(), ...fields });
  }

  put(object: StandInObject): StandInObject {
    this.objects.set(object.id, object);
    return object;
  }

  stamp(): { created: number; livemode: false } {
    return { created: this.now(), livemode: false };
  }

  nextId(prefix: string): string {
    this.#counter += 1;
    return `${prefix}_standIn${String(this.#counter).padStart(6, '0')}`;
  }

  /** Unix seconds, as Stripe counts time. */
  now(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

/** Stripe's 400 `invalid_request_error`. */
export function refuse(code: string, message: string, param?: string): never {
  throw new StandInRefusal(400, {
    type: 'invalid_request_error',
    code,
    message,
    ...(param ? { param } : {}),
  });
}

/** A list page as Stripe answers one (`limit` honoured, no cursor). */
export function list(url: string, data: unknown[], p: StandInParams = {}): unknown {
  const limit = p.limit === undefined ? 10 : Number(p.limit);
  return { object: 'list', data: data.slice(0, limit), has_more: data.length > limit, url };
}

export function str(value: StandInParam | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function obj(value: StandInParam | undefined): { [key: string]: StandInParam } | undefined {
  return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

export function asArray(value: StandInParam | undefined): StandInParam[] {
  return Array.isArray(value) ? value : [];
}

export function requiredString(p: StandInParams, name: string): string {
  const value = str(p[name]);
  if (!value) refuse('parameter_missing', `Missing required param: ${name}.`, name);
  return value;
}

export function requiredInt(p: StandInParams, name: string): number {
  const value = Number(requiredString(p, name));
  if (!Number.isSafeInteger(value) || value < 0) {
    refuse('parameter_invalid_integer', `Invalid integer: ${name}`, name);
  }
  return value;
}

export function metadataOf(p: StandInParams): Record<string, string> {
  const metadata = obj(p.metadata) ?? {};
  return Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, String(value)]));
}

export function expansions(p: StandInParams): string[] {
  return asArray(p.expand).map(String);
}
