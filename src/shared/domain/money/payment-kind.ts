import { z } from 'zod';
import { serverOnlyKind } from '../sync/kind';

/**
 * A fan's payment to a creator as the creator's studio holds it (the `payment` kind, written by the server
 * only): the source of the earnings screen, readable offline. Amounts are minor units as digits.
 */
export const PAYMENT_KIND = serverOnlyKind('payment');

const minor = z.string().regex(/^\d{1,78}$/);

export const paymentSnapshotSchema = z.object({
  id: z.string().min(1),
  source: z.enum(['tip', 'subscription', 'ppv', 'ticket']),
  itemId: z.string().nullable(),
  fanId: z.string().min(1),
  currency: z.enum(['USD', 'USDC', 'MESI']),
  amount: minor,
  fee: minor,
  refunded: minor,
  status: z.enum(['pending', 'succeeded', 'failed', 'disputed']),
  settledAt: z.string().nullable(),
  createdAt: z.string(),
});

export type PaymentSnapshot = z.infer<typeof paymentSnapshotSchema>;
