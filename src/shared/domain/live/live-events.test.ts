import { describe, expect, it } from 'vitest';
import { isLiveEvent, streamEventsChannel } from './live-events';

describe('live events', () => {
  it('travel on one channel per stream', () => {
    expect(streamEventsChannel('abc')).toBe('live.stream.abc');
  });

  it('are told apart from anything else read from the pubsub', () => {
    expect(isLiveEvent({ type: 'viewers', streamId: 's', count: 3 })).toBe(true);
    expect(isLiveEvent({ type: 'nonsense' })).toBe(false);
    expect(isLiveEvent(null)).toBe(false);
    expect(isLiveEvent('message')).toBe(false);
  });
});
