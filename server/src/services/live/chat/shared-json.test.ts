import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '@shared/domain/live/live-events';
import { shareJson, shareJsonOfItems, sharedJsonOf } from './shared-json';

const chat = (n: number, text: string): LiveEvent => ({
  type: 'message',
  message: {
    id: `m${n}`,
    streamId: 's',
    kind: 'message',
    author: { id: 'a', displayName: 'Zoë "Glaze" 🔥', handle: 'zoe' },
    text,
    tip: null,
    createdAt: '2026-12-03T17:00:00.000Z',
    deletedAt: null,
  },
});

describe('JSON serialized once', () => {
  it('remembers exactly what JSON.stringify writes, for an array and for one joined from its items', () => {
    const a = chat(1, 'quotes " and \\ backslashes, </script>, \u2028 and \u0000');
    const b = chat(2, 'emoji 🏺 and a lone surrogate \ud800');
    const missed: LiveEvent = { type: 'missed', count: 3 };
    expect(sharedJsonOf(shareJson([a, b]))).toBe(JSON.stringify([a, b]));
    // The same events in other batches: each one's text reused, the batch's the same as serializing it.
    for (const batch of [[b, a], [missed, a, b], [a], []] as LiveEvent[][]) {
      expect(sharedJsonOf(shareJsonOfItems(batch))).toBe(JSON.stringify(batch));
    }
  });

  it('freezes what it shared, and knows nothing of what it did not', () => {
    const batch = shareJsonOfItems([chat(1, 'x')]);
    expect(Object.isFrozen(batch)).toBe(true);
    expect(sharedJsonOf([chat(1, 'x')])).toBeUndefined();
    expect(sharedJsonOf('text')).toBeUndefined();
    expect(sharedJsonOf(null)).toBeUndefined();
  });
});
