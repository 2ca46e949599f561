import { describe, expect, it } from 'vitest';
import { cardEntryChoice } from './card-entry-choice';

describe('cardEntryChoice: which card part the server config asks for', () => {
  it("shows the sandbox's form when the server has no Stripe keys", () => {
    expect(cardEntryChoice({ data: { rail: 'sandbox' }, isError: false })).toEqual({ kind: 'sandbox' });
  });

  it('shows Stripe Elements with the publishable key when the server has one', () => {
    expect(
      cardEntryChoice({ data: { rail: 'stripe', publishableKey: 'pk_test_abc' }, isError: false }),
    ).toEqual({
      kind: 'stripe',
      publishableKey: 'pk_test_abc',
    });
  });

  it('keeps showing what the server said even if a later refetch failed', () => {
    expect(cardEntryChoice({ data: { rail: 'sandbox' }, isError: true })).toEqual({ kind: 'sandbox' });
  });

  it("is loading until the server answers, and never guesses the sandbox's form", () => {
    expect(cardEntryChoice({ data: undefined, isError: false })).toEqual({ kind: 'loading' });
  });

  it('says card payments are unavailable when the server could not be asked', () => {
    expect(cardEntryChoice({ data: undefined, isError: true })).toEqual({ kind: 'unavailable' });
  });
});
