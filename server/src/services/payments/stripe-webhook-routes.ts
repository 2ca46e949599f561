import { isDomainError } from '@shared/domain/errors';
import type { FeatureRoutes } from '../../http/feature-routes';
import { logFailure } from '../../logging/error-log';
import type { RailEvent } from './payment-rail';
import type { PaymentService } from './payment-service';

/** Stripe's events are small; a body past this is not one of them. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** What the route needs of the Stripe rail: its signature check and event reading. */
export interface WebhookParser {
  /** Throws a validation error for a bad or missing signature; null for an event type we do not use. */
  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): RailEvent | null;
}

/**
 * `POST /webhooks/stripe`: Stripe's events, verified on the raw body (the signature covers the exact bytes,
 * so this scope reads JSON as a Buffer instead of parsing it). A bad or missing signature answers 400 and
 * changes nothing. An applied or repeated event answers 200; one that cannot be applied yet (its charge's
 * answer still on its way, the database busy) answers 503, and Stripe delivers it again later.
 */
export function stripeWebhookRoutes(payments: PaymentService, parser: WebhookParser): FeatureRoutes {
  return (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    app.post('/webhooks/stripe', async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['stripe-signature'];
      let event: RailEvent | null;
      try {
        event = parser.parseWebhook(raw, typeof signature === 'string' ? signature : undefined);
      } catch (error) {
        if (isDomainError(error) && error.kind === 'validation') {
          return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: error.message } });
        }
        throw error;
      }
      if (!event) return reply.send({ received: true, applied: false });
      try {
        await payments.handleEvent(event);
      } catch (error) {
        logFailure(`Stripe event ${event.id} (${event.type})`, error);
        return reply
          .code(503)
          .send({ error: { code: 'SERVICE_UNAVAILABLE', message: 'Not applied yet; deliver it again' } });
      }
      return reply.send({ received: true, applied: true });
    });
  };
}
