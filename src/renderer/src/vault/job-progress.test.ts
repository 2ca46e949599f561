import { describe, expect, it } from 'vitest';
import { progressLine, type JobView } from './job-progress';

const job = (change: Partial<JobView>): JobView => ({
  kind: 'process',
  state: 'running',
  progress: 0,
  etaMs: null,
  error: null,
  ...change,
});

describe('an item’s progress line', () => {
  it('shows processing with its percent and time left, and can be cancelled', () => {
    expect(progressLine(job({ progress: 0.423, etaMs: 55_000 }), true)).toEqual({
      text: 'Processing 42% · 55 s left',
      percent: 42,
      tone: 'working',
      canCancel: true,
      canRetry: false,
    });
    expect(progressLine(job({ progress: 0.42, etaMs: 70_000 }), true)?.text).toBe(
      'Processing 42% · about 2 min left',
    );
  });

  it('shows an upload, without a time left until there is an estimate', () => {
    expect(progressLine(job({ kind: 'upload', progress: 0.8, etaMs: 12_000 }), true)?.text).toBe(
      'Uploading 80% · 12 s left',
    );
    expect(progressLine(job({ kind: 'upload', progress: 0.05 }), true)?.text).toBe('Uploading 5%');
  });

  it('never shows 100% while the job still runs, nor a value outside the bar', () => {
    expect(progressLine(job({ progress: 0.999 }), true)?.percent).toBe(99);
    expect(progressLine(job({ progress: 1.7 }), true)?.percent).toBe(99);
    expect(progressLine(job({ progress: -1 }), true)?.percent).toBe(0);
  });

  it('says an upload waits for the connection while the studio is offline, processing goes on', () => {
    expect(progressLine(job({ kind: 'upload', progress: 0.3, etaMs: 5_000 }), false)).toMatchObject({
      text: 'Waiting for connection',
      tone: 'waiting',
      canCancel: true,
    });
    expect(progressLine(job({ kind: 'upload', state: 'queued' }), false)?.text).toBe(
      'Waiting for connection',
    );
    expect(progressLine(job({ kind: 'upload', state: 'queued' }), true)?.text).toBe('Waiting to upload');
    expect(progressLine(job({ progress: 0.5 }), false)?.text).toBe('Processing 50%');
  });

  it('offers Retry after a failure, with its reason, and after a cancel', () => {
    expect(progressLine(job({ state: 'failed', error: 'ffmpeg cannot read this file' }), true)).toEqual({
      text: 'Failed: ffmpeg cannot read this file',
      percent: null,
      tone: 'failed',
      canCancel: false,
      canRetry: true,
    });
    expect(progressLine(job({ kind: 'upload', state: 'cancelled' }), true)).toMatchObject({
      text: 'Upload cancelled',
      canRetry: true,
    });
  });

  it('shows nothing once done, or when no job was ever queued', () => {
    expect(progressLine(job({ state: 'done', progress: 1 }), true)).toBeNull();
    expect(progressLine(null, true)).toBeNull();
  });
});
