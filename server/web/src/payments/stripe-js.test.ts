import type { Stripe } from '@stripe/stripe-js';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The package's loader is replaced: these tests are about how often it is asked, not about Stripe.js itself.
const loadStripe = vi.fn<(key: string) => Promise<Stripe | null>>();
vi.mock('@stripe/stripe-js/pure', () => ({ loadStripe: (key: string) => loadStripe(key) }));

const { stripeJsFor } = await import('./stripe-js');
const fakeStripeJs = (key: string) => ({ key }) as unknown as Stripe;

afterEach(() => {
  loadStripe.mockReset();
  vi.useRealTimers();
});

describe('stripeJsFor: Stripe.js loaded once per publishable key', () => {
  it('asks the package once per key, and every card form of that key shares the answer', async () => {
    loadStripe.mockImplementation((key) => Promise.resolve(fakeStripeJs(key)));
    const first = await stripeJsFor('pk_test_once');
    expect(await stripeJsFor('pk_test_once')).toBe(first);
    expect(await stripeJsFor('pk_test_other')).not.toBe(first);
    expect(loadStripe.mock.calls).toEqual([['pk_test_once'], ['pk_test_other']]);
  });

  it('fails when Stripe.js cannot load, and tries again for the next card form', async () => {
    loadStripe.mockRejectedValueOnce(new Error('Failed to load Stripe.js'));
    await expect(stripeJsFor('pk_test_offline')).rejects.toThrow('Failed to load Stripe.js');
    loadStripe.mockImplementation((key) => Promise.resolve(fakeStripeJs(key)));
    await expect(stripeJsFor('pk_test_offline')).resolves.toEqual({ key: 'pk_test_offline' });
    expect(loadStripe).toHaveBeenCalledTimes(2);
  });

  it('gives up after a while when the network never answers, instead of loading for good', async () => {
    vi.useFakeTimers();
    loadStripe.mockReturnValue(new Promise(() => {}));
    const load = stripeJsFor('pk_test_hanging');
    const settled = expect(load).rejects.toThrow('did not load within');
    await vi.advanceTimersByTimeAsync(20_000);
    await settled;
  });
});
