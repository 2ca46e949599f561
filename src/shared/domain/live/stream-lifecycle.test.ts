import { describe, expect, it } from 'vitest';
import { STREAM_STATUSES, type StreamStatus } from './stream';
import { acceptsPublisher, isEditable, isPlayable, transitionIssue } from './stream-lifecycle';

describe('a stream’s lifecycle', () => {
  it('goes scheduled → live → ended, or scheduled → cancelled, and nowhere else', () => {
    const allowed: string[] = [];
    for (const from of STREAM_STATUSES) {
      for (const to of STREAM_STATUSES) {
        if (transitionIssue(from, to) === null) allowed.push(`${from}→${to}`);
      }
    }
    expect(allowed.sort()).toEqual(['live→ended', 'scheduled→cancelled', 'scheduled→live']);
  });

  it('says in words why a move is refused', () => {
    expect(transitionIssue('ended', 'live')).toBe('This stream has ended; schedule a new one');
    expect(transitionIssue('cancelled', 'live')).toBe('This stream was cancelled; schedule a new one');
    expect(transitionIssue('scheduled', 'ended')).toBe('This stream has not gone live; cancel it instead');
    expect(transitionIssue('live', 'cancelled')).toBe('This stream is live; end it instead');
    expect(transitionIssue('live', 'live')).toBe('This stream is live already');
    expect(transitionIssue('live', 'scheduled')).toBe('A stream cannot go from live to scheduled');
  });

  it('is edited and takes a publisher until it ends, and is played only while live', () => {
    const where = (test: (status: StreamStatus) => boolean) => STREAM_STATUSES.filter(test);
    expect(where(isEditable)).toEqual(['scheduled', 'live']);
    expect(where(acceptsPublisher)).toEqual(['scheduled', 'live']);
    expect(where(isPlayable)).toEqual(['live']);
  });
});
