import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type StudioDatabase } from '../../db/connection';
import { tempDir } from '../../test/temp-dir';
import { waitFor } from '../../test/studio-harness';
import { JobMustWaitError } from './job-errors';
import { JobQueue, type JobContext, type JobRunner } from './job-queue';
import type { JobKind, VaultJob } from './job-table';
import { insertTestItem } from './test-vault-items';

/** A runner the test finishes by hand: each started job waits until `finish(itemId)` or its signal. */
function handRunner() {
  const started: string[] = [];
  const finishers = new Map<string, (error?: Error) => void>();
  const contexts = new Map<string, JobContext>();
  const runner: JobRunner = (job, context) =>
    new Promise<void>((resolve, reject) => {
      started.push(job.itemId);
      contexts.set(job.itemId, context);
      finishers.set(job.itemId, (error) => (error ? reject(error) : resolve()));
      context.signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  const finish = (itemId: string, error?: Error) => {
    const finisher = finishers.get(itemId);
    if (!finisher) throw new Error(`${itemId} is not running`);
    finishers.delete(itemId);
    finisher(error);
  };
  return { runner, started, finish, contexts, running: () => [...finishers.keys()] };
}

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
const queues: JobQueue[] = [];
const item = () => insertTestItem(db, { kind: 'video', originalPath: 'x.mp4' });
function openQueue(runners: Partial<Record<JobKind, JobRunner>>, options = {}): JobQueue {
  const never: JobRunner = (_job, { signal }) =>
    new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
  const queue = new JobQueue({
    db,
    runners: { process: runners.process ?? never, upload: runners.upload ?? never },
    waitBackoff: { baseMs: 20, capMs: 40 },
    progressIntervalMs: 100,
    ...options,
  });
  queues.push(queue);
  queue.start();
  return queue;
}

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
});
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.close();
  db.close();
  dir.remove();
});

describe('the vault job queue', () => {
  it('runs each kind oldest first, no more at once than its limit', async () => {
    const uploads = handRunner();
    const queue = openQueue({ upload: uploads.runner });
    const [a, b, c] = [item(), item(), item()];
    for (const id of [a, b, c]) queue.enqueue(id, 'upload');
    await waitFor('two uploads running', () => uploads.running().length === 2);
    expect(uploads.started).toEqual([a, b]);
    uploads.finish(a);
    await waitFor('the third upload', () => uploads.started.length === 3);
    expect(uploads.started).toEqual([a, b, c]);
    expect(uploads.running().sort()).toEqual([b, c].sort());
  });

  it('keeps one queued or running job per item and kind', () => {
    const queue = openQueue({});
    const id = item();
    const first = queue.enqueue(id, 'process');
    expect(queue.enqueue(id, 'process').id).toBe(first.id);
    expect(queue.enqueue(id, 'upload').id).not.toBe(first.id);
    expect(queue.list(id)).toHaveLength(2);
  });

  it('refuses a job for an item the vault does not hold', () => {
    const queue = openQueue({});
    expect(() => queue.enqueue('018f0000-0000-7000-8000-000000000000', 'process')).toThrow(
      'This item is not in the vault',
    );
  });

  it('cancels a queued job before it runs and a running one by aborting it', async () => {
    const processing = handRunner();
    const queue = openQueue({ process: processing.runner });
    const [a, b] = [item(), item()];
    const running = queue.enqueue(a, 'process');
    const queued = queue.enqueue(b, 'process');
    await waitFor('the first job running', () => processing.running().length === 1);
    expect((await queue.cancel(queued.id)).state).toBe('cancelled');
    const cancelled = await queue.cancel(running.id);
    expect(cancelled.state).toBe('cancelled');
    expect(processing.contexts.get(a)?.signal.aborted).toBe(true);
    expect(processing.started).toEqual([a]);
    await expect(queue.cancel(running.id)).rejects.toThrow('This job is already cancelled');
  });

  it('runs a job the studio was running when it stopped again at the next start', async () => {
    const first = handRunner();
    const queue = openQueue({ process: first.runner });
    const id = item();
    const job = queue.enqueue(id, 'process');
    await waitFor('the job running', () => first.running().length === 1);
    // The studio dies: the queue is never closed, its row stays `running`.
    expect(queue.get(job.id).state).toBe('running');

    const second = handRunner();
    const reopened = openQueue({ process: second.runner });
    await waitFor('the job running again', () => second.running().length === 1);
    second.finish(id);
    const done = await reopened.settled(job.id);
    expect(done).toMatchObject({ state: 'done', progress: 1, attempts: 2, error: null });
  });

  it('fails a job that the studio died in on every start, instead of running it for ever', async () => {
    const id = item();
    let job: VaultJob | undefined;
    for (let start = 1; start <= 2; start += 1) {
      const runner = handRunner();
      const queue = openQueue({ process: runner.runner }, { maxStarts: { process: 2 } });
      job ??= queue.enqueue(id, 'process');
      await waitFor(`start ${start}`, () => runner.running().length === 1);
    }
    const last = openQueue({ process: handRunner().runner }, { maxStarts: { process: 2 } });
    expect(await last.settled(job!.id)).toMatchObject({
      state: 'failed',
      error: 'Stopped after 2 tries: the studio closed or crashed during each one. Retry when ready.',
    });
  });

  it('keeps a job queued, not failed, while it must wait, and runs it again later', async () => {
    let calls = 0;
    const queue = openQueue({
      upload: async () => {
        calls += 1;
        if (calls < 3) throw new JobMustWaitError('Waiting for the server to come back');
      },
    });
    const job = queue.enqueue(item(), 'upload');
    const states: string[] = [];
    queue.on('state', (changed) => states.push(`${changed.state}:${changed.error ?? ''}`));
    expect(await queue.settled(job.id)).toMatchObject({ state: 'done', attempts: 1, error: null });
    expect(states).toContain('queued:Waiting for the server to come back');
    expect(calls).toBe(3);
  });

  it('stores a failure for the creator, and runs the job again on retry', async () => {
    let fail = true;
    const queue = openQueue({
      process: async () => {
        if (fail) throw new Error('ffmpeg exited with code 1');
      },
    });
    const job = queue.enqueue(item(), 'process');
    expect(await queue.settled(job.id)).toMatchObject({
      state: 'failed',
      error: 'Processing failed: ffmpeg exited with code 1',
      attempts: 1,
    });
    fail = false;
    expect(queue.retry(job.id)).toMatchObject({ error: null, progress: 0 });
    expect(await queue.settled(job.id)).toMatchObject({ state: 'done' });
    expect(() => queue.retry(job.id)).toThrow('Only a failed or cancelled job can be retried');
  });

  it('stores progress a few times a second at most, ending with the latest value', async () => {
    const processing = handRunner();
    const queue = openQueue({ process: processing.runner });
    const id = item();
    const job = queue.enqueue(id, 'process');
    const events: number[] = [];
    const changed: string[][] = [];
    queue.on('progress', (update) => events.push(update.progress));
    queue.on('changed', (ids) => changed.push([...ids]));
    await waitFor('running', () => processing.running().length === 1);
    const context = processing.contexts.get(id)!;
    const startedAt = Date.now();
    for (let step = 1; step <= 200; step += 1) {
      context.progress(step / 400, 10_000 - step);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await waitFor('the last value stored', () => queue.get(job.id).progress === 0.5);
    const elapsed = Date.now() - startedAt;
    expect(events.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    expect(events.length).toBeGreaterThan(1);
    expect(events).toEqual([...events].sort((x, y) => x - y));
    expect(queue.get(job.id).etaMs).toBe(9_800);
    expect(changed.flat().every((changedId) => changedId === id)).toBe(true);
    expect(changed.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 3);
  });

  it('leaves a running job queued when it closes, without counting the start', async () => {
    const processing = handRunner();
    const queue = openQueue({ process: processing.runner });
    const job = queue.enqueue(item(), 'process');
    await waitFor('running', () => processing.running().length === 1);
    await queue.close();
    expect(queue.get(job.id)).toMatchObject({ state: 'queued', attempts: 0 });
  });

  it('does not wait for ever on a job that ignores its signal when it closes', async () => {
    let started = false;
    const queue = openQueue(
      {
        process: () => {
          started = true;
          return new Promise(() => undefined);
        },
      },
      { closeTimeoutMs: 100 },
    );
    const job = queue.enqueue(item(), 'process');
    await waitFor('running', () => started);
    await queue.close();
    expect(queue.get(job.id)).toMatchObject({ state: 'queued', attempts: 0 });
  });
});
