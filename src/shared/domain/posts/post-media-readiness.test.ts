import { describe, expect, it } from 'vitest';
import { allMediaReady, mediaNotReadyMessage, mediaReadiness, type MediaFact } from './post-media-readiness';

const ME = 'creator-me';
const item = (id: string, status: MediaFact['status'], creatorId = ME): MediaFact => ({
  id,
  creatorId,
  status,
});

describe('a post’s media readiness', () => {
  it('counts an item the server does not hold yet, or still uploading or processing, as pending', () => {
    const readiness = mediaReadiness(
      ME,
      ['a', 'b', 'c', 'd'],
      [item('a', 'ready'), item('b', 'uploading'), item('c', 'processing')],
    );
    expect(readiness).toEqual({ total: 4, ready: 1, pending: 3, failed: 0, foreign: 0 });
    expect(allMediaReady(readiness)).toBe(false);
    expect(mediaNotReadyMessage(readiness)).toBe(
      '3 of 4 media items are still uploading or processing: publish when they are ready, or schedule the post and it goes out once they are',
    );
  });

  it('is ready when every item is the creator’s and ready, and when there is no media at all', () => {
    const readiness = mediaReadiness(ME, ['a', 'b'], [item('a', 'ready'), item('b', 'ready')]);
    expect(allMediaReady(readiness)).toBe(true);
    expect(mediaNotReadyMessage(readiness)).toBeNull();
    expect(allMediaReady(mediaReadiness(ME, [], []))).toBe(true);
  });

  it('names another creator’s item before a failed one, and a failed one before a pending one', () => {
    const all = mediaReadiness(
      ME,
      ['a', 'b', 'c'],
      [item('a', 'ready', 'someone-else'), item('b', 'failed'), item('c', 'processing')],
    );
    expect(all).toMatchObject({ foreign: 1, failed: 1, pending: 1, ready: 0 });
    expect(mediaNotReadyMessage(all)).toBe(
      "1 media item in this post is another creator's: remove it from the post",
    );
    const failed = mediaReadiness(ME, ['b', 'c'], [item('b', 'failed'), item('c', 'processing')]);
    expect(mediaNotReadyMessage(failed)).toBe(
      '1 media item could not be processed: upload it again or remove it from the post',
    );
    expect(mediaNotReadyMessage(mediaReadiness(ME, ['c'], []))).toBe(
      '1 of 1 media item is still uploading or processing: publish when it is ready, or schedule the post and it goes out once it is',
    );
  });

  it('counts another creator’s item as foreign whatever its status', () => {
    expect(mediaReadiness(ME, ['x'], [item('x', 'processing', 'someone-else')])).toMatchObject({
      pending: 0,
      foreign: 1,
    });
  });
});
