import type { Ref } from 'react';
import type { PaymentMethodCheck } from './sandbox-cards';
import { SandboxCardEntry } from './SandboxCardEntry';

/** What a payment form asks of its card part when the fan presses Pay. */
export interface CardEntryHandle {
  /**
   * The rail's payment method for the card entered, or what is wrong with it. Asynchronous: with Stripe
   * Elements, Stripe makes the payment method (`pm_…`) on its side; the sandbox answers `sandbox_card_…` at once.
   */
  readonly paymentMethod: () => Promise<PaymentMethodCheck>;
  /** Puts the focus on the card field (after the card was refused). */
  readonly focus: () => void;
}

export interface CardEntryProps {
  readonly ref: Ref<CardEntryHandle>;
  /** What is wrong with the card, shown next to its field: the form's check or the rail's refusal. */
  readonly error: string | null;
  /** The field the dialog around it moves the focus to when it opens (`data-autofocus`, see ModalDialog). */
  readonly autoFocus?: boolean;
}

/**
 * The card part of a payment form. The server has no Stripe keys in development and tests, so this is the
 * sandbox's form (its test cards, no real money). Once a publishable key is configured, a Stripe Elements
 * implementation of the same props and handle goes here, chosen by that key; the forms around it stay as they are.
 */
export function CardEntry(props: CardEntryProps) {
  return <SandboxCardEntry {...props} />;
}
