/** What a subscription payment is for, carried in the payment's details and read back when it settles. */
export type SubscriptionCharge =
  | {
      readonly kind: 'period';
      readonly subscriptionId: string;
      readonly periodStart: string;
      readonly periodEnd: string;
      /** The downgrade credit left after this charge. */
      readonly creditLeft: string;
    }
  | {
      readonly kind: 'upgrade';
      readonly subscriptionId: string;
      readonly tierId: string;
      readonly price: string;
    };

/** The payment of one period's charge attempt: the same key on the one-by-one and the bulk paths. */
export const periodPaymentKey = (subscriptionId: string, start: Date, attempt: number) =>
  `sub:${subscriptionId}:period:${start.toISOString()}:${attempt}`;
