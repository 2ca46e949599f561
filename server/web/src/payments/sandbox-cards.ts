/**
 * The sandbox rail's test cards: Stripe's published test numbers, so they behave alike on both rails. A copy of
 * `SANDBOX_CARDS` in server/src/adapters/payments/sandbox-rail.ts (the fan web may import only the server's
 * types); sandbox-cards.test.ts fails when the two lists differ.
 */
export const SANDBOX_TEST_CARDS = [
  { number: '4242424242424242', label: 'Succeeds' },
  { number: '4000000000000002', label: 'Declined' },
  { number: '4000000000009995', label: 'Declined: insufficient funds' },
  { number: '4000000000000119', label: 'Accepted, then fails a moment later' },
  { number: '4000000000000259', label: 'Succeeds, then the fan disputes it' },
] as const;

/** How the sandbox rail names a test card as a payment method (`sandboxPaymentMethod` on the server). */
const SANDBOX_PAYMENT_METHOD_PREFIX = 'sandbox_card_';

export type PaymentMethodCheck =
  { readonly ok: true; readonly paymentMethod: string } | { readonly ok: false; readonly error: string };

/** A card number as typed, without the spaces and dashes people put in it. */
export function cardDigits(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/** `4242424242424242` → `4242 4242 4242 4242`, as printed on a card. */
export function groupCardNumber(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** The payment method to send for what was typed in the sandbox's card field, or what is wrong with it. */
export function sandboxPaymentMethod(text: string): PaymentMethodCheck {
  const digits = cardDigits(text);
  if (digits === '') return { ok: false, error: 'Enter a card number: one of the test cards below.' };
  if (!/^\d+$/.test(digits)) return { ok: false, error: 'A card number has digits only.' };
  if (!SANDBOX_TEST_CARDS.some((card) => card.number === digits)) {
    return { ok: false, error: 'The sandbox takes only the test cards listed below.' };
  }
  return { ok: true, paymentMethod: `${SANDBOX_PAYMENT_METHOD_PREFIX}${digits}` };
}
