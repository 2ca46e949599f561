import Stripe from 'stripe';
import { DomainError } from '@shared/domain/errors';
import type { RailEvent } from '../../../services/payments/payment-rail';
import { fromStripeAmount } from './stripe-amounts';
import { fromUnixSeconds, idOf, railMetadata, railSubscription } from './stripe-objects';

/**
 * A webhook delivery whose `Stripe-Signature` is missing, malformed, made with another secret, over another body,
 * or older than the tolerance (a replay). The webhook route answers 400 and does nothing else.
 */
export class WebhookSignatureError extends DomainError {
  override readonly name = 'WebhookSignatureError';
  readonly code = 'webhook_signature_invalid';
  readonly kind = 'validation' as const;
}

export interface ParseStripeWebhookOptions {
  /** When the delivery arrived (default: now). A signature made more than 5 minutes before it is refused. */
  readonly receivedAt?: Date;
}

/**
 * Verifies a webhook delivery against the endpoint's signing secret (over the raw body, exactly as received) and
 * reads it as a RailEvent; `null` for event types the rail does not use (answer 2xx and drop them). Throws
 * WebhookSignatureError when the signature does not verify.
 *
 * Our reference for a card payment is its PaymentIntent's id (what `charge` answers), so refunds and disputes,
 * which Stripe reports on the Charge, are told back with the PaymentIntent's id where there is one.
 *
 * Tested with deliveries signed locally by the SDK's own test-header helper, not with deliveries from Stripe.
 */
export function parseStripeWebhook(
  rawBody: Buffer | string,
  signatureHeader: string | undefined,
  secret: string,
  options: ParseStripeWebhookOptions = {},
): RailEvent | null {
  if (!signatureHeader) throw new WebhookSignatureError('the Stripe-Signature header is missing');
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(
      rawBody,
      signatureHeader,
      secret,
      undefined, // Stripe's default tolerance: 300 seconds
      undefined,
      options.receivedAt?.getTime(),
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      const reason = error.message.split('\n')[0]?.trim() ?? '';
      throw new WebhookSignatureError(`the Stripe webhook signature does not verify: ${reason}`, {
        cause: error,
      });
    }
    throw error;
  }
  return railEvent(event);
}

function railEvent(event: Stripe.Event): RailEvent | null {
  const base = { id: event.id, occurredAt: fromUnixSeconds(event.created) };
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      return {
        ...base,
        type: 'charge.succeeded',
        charge: intent.id,
        amount: fromStripeAmount(intent.amount_received, intent.currency),
        metadata: railMetadata(intent.metadata),
      };
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      return {
        ...base,
        type: 'charge.failed',
        charge: intent.id,
        reason: intent.last_payment_error?.message ?? 'the payment failed',
        metadata: railMetadata(intent.metadata),
      };
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      return {
        ...base,
        type: 'charge.refunded',
        charge: idOf(charge.payment_intent) ?? charge.id,
        amountRefunded: fromStripeAmount(charge.amount_refunded, charge.currency),
        // Stripe copies the PaymentIntent's metadata onto its charge when it is confirmed.
        metadata: railMetadata(charge.metadata),
      };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      return {
        ...base,
        type: event.type === 'charge.dispute.created' ? 'charge.dispute.opened' : 'charge.dispute.closed',
        charge: idOf(dispute.payment_intent) ?? idOf(dispute.charge),
        dispute: dispute.id,
        amount: fromStripeAmount(dispute.amount, dispute.currency),
        outcome: event.type === 'charge.dispute.closed' ? disputeOutcome(dispute.status) : null,
      };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed':
      return invoiceEvent(base, event.type, event.data.object);
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const subscription = event.data.object;
      return {
        ...base,
        type:
          event.type === 'customer.subscription.updated' ? 'subscription.updated' : 'subscription.deleted',
        subscription: railSubscription(subscription),
        metadata: railMetadata(subscription.metadata),
      };
    }
    default:
      return null;
  }
}

/**
 * A closed dispute's money: `won` comes back, `lost` stays with the fan. An inquiry that closed without becoming a
 * chargeback (`warning_closed`) never took the money, which for the ledger is the same as won.
 */
function disputeOutcome(status: Stripe.Dispute.Status): 'won' | 'lost' | null {
  if (status === 'won' || status === 'warning_closed') return 'won';
  if (status === 'lost') return 'lost';
  return null;
}

/**
 * A subscription invoice's outcome. Since API version 2025-03-31 the invoice names its subscription under
 * `parent.subscription_details` (with the subscription's metadata as it was when the invoice was finalized) and its
 * payments under `payments` (each with the PaymentIntent that paid it); `payments` is only in the event when Stripe
 * includes it, so `charge` may be null. Invoices that belong to no subscription are not ours: null.
 */
function invoiceEvent(
  base: { readonly id: string; readonly occurredAt: Date },
  type: 'invoice.paid' | 'invoice.payment_failed',
  invoice: Stripe.Invoice,
): RailEvent | null {
  const details = invoice.parent?.subscription_details ?? null;
  const subscription = idOf(details?.subscription);
  if (!subscription) return null;
  const period = servicePeriod(invoice);
  return {
    ...base,
    type,
    invoice: invoice.id,
    subscription,
    charge: invoicePayment(invoice),
    amount: fromStripeAmount(
      type === 'invoice.paid' ? invoice.amount_paid : invoice.amount_due,
      invoice.currency,
    ),
    periodStart: fromUnixSeconds(period.start),
    periodEnd: fromUnixSeconds(period.end),
    metadata: railMetadata(details?.metadata ?? invoice.metadata),
  };
}

/** The PaymentIntent (or, for a charge made without one, the charge) that paid or tried to pay the invoice. */
function invoicePayment(invoice: Stripe.Invoice): string | null {
  const payments = invoice.payments?.data ?? [];
  const payment = payments.find((candidate) => candidate.status === 'paid') ?? payments[0];
  if (!payment) return null;
  return idOf(payment.payment.payment_intent) ?? idOf(payment.payment.charge);
}

/**
 * The period the invoice pays for, from its subscription lines. The invoice's own `period_start`/`period_end`
 * look back one period on a renewal (they frame the usage collected), so they are only the fallback.
 */
function servicePeriod(invoice: Stripe.Invoice): { start: number; end: number } {
  const lines = invoice.lines.data.filter((line) => line.parent?.subscription_item_details != null);
  if (lines.length === 0) return { start: invoice.period_start, end: invoice.period_end };
  return {
    start: Math.min(...lines.map((line) => line.period.start)),
    end: Math.max(...lines.map((line) => line.period.end)),
  };
}
