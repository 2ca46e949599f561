import type { Ref } from 'react';
import { cardEntryChoice } from './card-entry-choice';
import { CardEntryStatus } from './CardEntryStatus';
import type { PaymentMethodCheck } from './sandbox-cards';
import { SandboxCardEntry } from './SandboxCardEntry';
import { STRIPE_COULD_NOT_LOAD } from './stripe-card';
import { StripeCardEntry } from './StripeCardEntry';
import { useCardEntryConfig } from './useCardEntryConfig';

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

/** Until the server says which rail takes cards. */
const CARD_ENTRY_LOADING = 'Loading the card form…';

/**
 * The card part of a payment form, as the server's rail asks (`payments.config`, see useCardEntryConfig): Stripe
 * Elements with the server's publishable key, or the sandbox's form (its test cards, no real money) when no Stripe
 * keys are configured, as in development and tests. Both have the same props and handle, so the forms around
 * them do not know which one they hold.
 */
export function CardEntry(props: CardEntryProps) {
  const choice = cardEntryChoice(useCardEntryConfig());
  switch (choice.kind) {
    case 'sandbox':
      return <SandboxCardEntry {...props} />;
    case 'stripe':
      return <StripeCardEntry publishableKey={choice.publishableKey} {...props} />;
    case 'unavailable':
      return <CardEntryStatus ref={props.ref} error={props.error} message={STRIPE_COULD_NOT_LOAD} failed />;
    case 'loading':
      return <CardEntryStatus ref={props.ref} error={props.error} message={CARD_ENTRY_LOADING} />;
  }
}
