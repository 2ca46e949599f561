import { ManualClock } from '@shared/domain/clock';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema';
import {
  exponentialBackoff,
  ScheduledJobRepository,
  Scheduler,
  type JobContext,
  type JobHandler,
  type SchedulerOptions,
} from './index';
import { DATABASE_VARIANTS, type TestDatabase } from './test/database-variants';

const START = new Date('2026-03-01T09:00:00.000Z');
const SECOND = 1_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LEASE_MS = 60 * SECOND;
const at = (ms: number) => new Date(START.getTime() + ms);

/** A handler that counts its calls per job key (and remembers what it was given). */
function counting(work: (ctx: JobContext) => Promise<void> = async () => undefined) {
  const calls = new Map<string, number>();
  const seen: { payload: unknown; ctx: JobContext }[] = [];
  const handler: JobHandler = async (job, ctx) => {
    calls.set(job.key, (calls.get(job.key) ?? 0) + 1);
    seen.push({ payload: job.payload, ctx });
    await work(ctx);
  };
  return { calls, seen, handler };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

for (const variant of DATABASE_VARIANTS) {
  const title = variant.skipReason ? `${variant.name} (skipped: ${variant.skipReason})` : variant.name;

  describe.skipIf(variant.skipReason !== null)(`Scheduler on ${title}`, () => {
    let database: TestDatabase;
    let db: Kysely<Database>;
    let jobs: ScheduledJobRepository;
    let logged: string[];

    beforeAll(async () => {
      database = await variant.open();
      db = database.db;
      jobs = new ScheduledJobRepository(db);
    });
    afterAll(() => database?.close());
    // Every test starts from an empty table: a scheduler claims whatever is due, whoever scheduled it.
    beforeEach(async () => {
      await db.deleteFrom('scheduled_jobs').execute();
      logged = [];
    });

    function schedulerWith(
      options: Partial<SchedulerOptions> & Pick<SchedulerOptions, 'clock' | 'handlers'>,
    ) {
      return new Scheduler({ db, leaseMs: LEASE_MS, log: (line) => logged.push(line), ...options });
    }

    it('runs a job at its time, not a millisecond before, and only once', async () => {
      const clock = new ManualClock(START);
      const { calls, seen, handler } = counting();
      const scheduler = schedulerWith({ clock, handlers: { 'trial.end': handler } });
      const payload = { subscriptionId: 'sub_1' };
      await scheduler.schedule(db, { kind: 'trial.end', key: 'trial.end:sub_1', payload, runAt: at(HOUR) });

      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 0 });
      clock.advance(HOUR - 1);
      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 0 });
      clock.advance(1);
      expect(await scheduler.runDue()).toEqual({ ran: 1, failed: 0 });
      clock.advance(DAY);
      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 0 });

      expect(calls).toEqual(new Map([['trial.end:sub_1', 1]]));
      expect(seen).toEqual([{ payload, ctx: { now: at(HOUR), attempt: 1, isLastAttempt: false } }]);
      expect(await jobs.find('trial.end:sub_1')).toMatchObject({
        status: 'done',
        attempts: 1,
        lockedUntil: null,
        finishedAt: at(HOUR),
      });
    });

    it('schedules a key once: the second schedule changes nothing', async () => {
      const clock = new ManualClock(START);
      const { calls, seen, handler } = counting();
      const scheduler = schedulerWith({ clock, handlers: { renew: handler } });
      const job = { kind: 'renew', key: 'renew:sub_2:2026-04', payload: { n: 1 }, runAt: at(HOUR) };

      expect(await scheduler.schedule(db, job)).toBe(true);
      expect(await scheduler.schedule(db, { ...job, payload: { n: 2 }, runAt: at(SECOND) })).toBe(false);
      clock.advance(HOUR);
      await scheduler.runDue();

      expect(await jobs.list()).toHaveLength(1);
      expect(calls).toEqual(new Map([['renew:sub_2:2026-04', 1]]));
      expect(seen.map((s) => s.payload)).toEqual([{ n: 1 }]);
    });

    it('keeps a job scheduled in a transaction only if the transaction commits', async () => {
      const clock = new ManualClock(START);
      const { calls, handler } = counting();
      const scheduler = schedulerWith({ clock, handlers: { renew: handler } });
      const job = (key: string) => ({ kind: 'renew', key, payload: {}, runAt: at(HOUR) });

      await expect(
        db.transaction().execute(async (trx) => {
          await scheduler.schedule(trx, job('renew:rolled-back'));
          throw new Error('the subscription was refused');
        }),
      ).rejects.toThrow('the subscription was refused');
      await db.transaction().execute((trx) => scheduler.schedule(trx, job('renew:committed')));

      expect(await jobs.find('renew:rolled-back')).toBeUndefined();
      clock.advance(HOUR);
      expect(await scheduler.runDue()).toEqual({ ran: 1, failed: 0 });
      expect(calls).toEqual(new Map([['renew:committed', 1]]));
    });

    it.each([2, 4])('runs each of 200 due jobs exactly once with %i instances racing', async (instances) => {
      const clock = new ManualClock(START);
      const { calls, handler } = counting(nextTurn); // yields, so the instances interleave
      const pools = [
        db,
        ...(await Promise.all(Array.from({ length: instances - 1 }, () => database.anotherPool()))),
      ];
      const ranBy = pools.map(() => 0);
      const schedulers = pools.map(
        (pool, i) =>
          new Scheduler({
            db: pool,
            clock,
            leaseMs: LEASE_MS,
            batchSize: 5,
            handlers: {
              race: (job, ctx) => {
                ranBy[i] = ranBy[i]! + 1;
                return handler(job, ctx);
              },
            },
          }),
      );
      for (let n = 0; n < 200; n++) {
        await schedulers[0]!.schedule(db, { kind: 'race', key: `race:${n}`, payload: { n }, runAt: at(-n) });
      }

      const results = await Promise.all(schedulers.map((scheduler) => scheduler.runDue()));

      expect(results.reduce((sum, r) => sum + r.ran, 0)).toBe(200);
      expect(calls.size).toBe(200);
      expect([...calls.values()].every((count) => count === 1)).toBe(true);
      expect(await jobs.list({ status: 'done' })).toHaveLength(200);
      // Each instance took a share: the jobs were raced for, not run by whichever came first alone.
      expect(ranBy.every((count) => count > 0)).toBe(true);
    });

    it("lets another instance take a dead worker's job only once its lease has ended", async () => {
      const clock = new ManualClock(START);
      const { calls, handler } = counting();
      const scheduler = schedulerWith({ clock, handlers: { 'grace.end': handler } });
      await scheduler.schedule(db, { kind: 'grace.end', key: 'grace.end:sub_3', payload: {}, runAt: START });
      // Another instance claims the job and dies before reporting.
      const deadWorker = new ScheduledJobRepository(await database.anotherPool());
      const [claim] = await deadWorker.claimDue(clock.now(), 10, LEASE_MS);
      expect(claim).toMatchObject({ key: 'grace.end:sub_3', attempts: 1, lockedUntil: at(LEASE_MS) });

      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 0 });
      clock.advance(LEASE_MS);
      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 0 });
      clock.advance(1);
      expect(await scheduler.runDue()).toEqual({ ran: 1, failed: 0 });
      expect(calls).toEqual(new Map([['grace.end:sub_3', 1]]));

      // The dead worker comes back late: what it says no longer counts.
      expect(await deadWorker.fail(claim!, 'timed out', at(DAY), clock.now())).toBe(false);
      expect(await deadWorker.complete(claim!, clock.now())).toBe(false);
      expect(await jobs.find('grace.end:sub_3')).toMatchObject({
        status: 'done',
        attempts: 2,
        lastError: null,
      });
    });

    it('gives up on a job whose workers keep dying once its attempts are spent', async () => {
      const clock = new ManualClock(START);
      const { calls, handler } = counting();
      const retry = exponentialBackoff({ maxAttempts: 2, firstDelayMs: SECOND, maxDelayMs: HOUR });
      const scheduler = schedulerWith({ clock, retry, handlers: { 'grace.end': handler } });
      await scheduler.schedule(db, { kind: 'grace.end', key: 'grace.end:sub_4', payload: {}, runAt: START });
      const deadWorker = new ScheduledJobRepository(db);
      for (let attempt = 0; attempt < 2; attempt++) {
        expect(await deadWorker.claimDue(clock.now(), 10, LEASE_MS)).toHaveLength(1);
        clock.advance(LEASE_MS + 1);
      }

      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 1 });
      expect(calls.size).toBe(0);
      const job = await jobs.find('grace.end:sub_4');
      expect(job).toMatchObject({ status: 'failed', attempts: 3, finishedAt: clock.now() });
      expect(job?.lastError).toContain('did not finish within its lease');
    });

    it('retries a failing job with growing waits, then marks it failed, while other jobs run', async () => {
      const clock = new ManualClock(START);
      const ok = counting();
      const failing = counting(async () => {
        throw new Error('card declined');
      });
      const retry = exponentialBackoff({ maxAttempts: 3, firstDelayMs: SECOND, maxDelayMs: HOUR });
      // One job per batch, the failing one first: the other job must still run in the same pass.
      const scheduler = schedulerWith({
        clock,
        retry,
        batchSize: 1,
        handlers: { charge: failing.handler, note: ok.handler },
      });
      const card = { card: '4242 4242 4242 4242' };
      await scheduler.schedule(db, { kind: 'charge', key: 'charge:sub_5', payload: card, runAt: at(-1) });
      await scheduler.schedule(db, { kind: 'note', key: 'note:1', payload: {}, runAt: START });

      expect(await scheduler.runDue()).toEqual({ ran: 1, failed: 1 });
      expect(await jobs.find('charge:sub_5')).toMatchObject({
        status: 'pending',
        attempts: 1,
        runAt: at(SECOND),
      });
      expect((await jobs.find('charge:sub_5'))?.lastError).toContain('card declined');

      clock.advance(SECOND - 1);
      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 0 });
      clock.advance(1);
      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 1 });
      expect(await jobs.find('charge:sub_5')).toMatchObject({ status: 'pending', runAt: at(3 * SECOND) });

      clock.advance(2 * SECOND - 1);
      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 0 });
      clock.advance(1);
      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 1 });
      clock.advance(DAY);
      expect(await scheduler.runDue()).toEqual({ ran: 0, failed: 0 });

      expect(failing.seen.map((s) => s.ctx.isLastAttempt)).toEqual([false, false, true]);
      expect(await jobs.find('charge:sub_5')).toMatchObject({
        status: 'failed',
        attempts: 3,
        lockedUntil: null,
        finishedAt: at(3 * SECOND),
      });
      expect(ok.calls).toEqual(new Map([['note:1', 1]]));
      // The log names the job, never what it carries.
      expect(logged).toHaveLength(3);
      expect(logged.every((line) => line.includes('charge charge:sub_5'))).toBe(true);
      expect(logged.join('\n')).not.toContain('4242');
    });

    it('fails a job of a kind it has no handler for, so an instance that has one takes it on the retry', async () => {
      const clock = new ManualClock(START);
      const retry = exponentialBackoff({ maxAttempts: 2, firstDelayMs: SECOND, maxDelayMs: HOUR });
      const older = counting();
      const olderInstance = schedulerWith({ clock, retry, handlers: { note: older.handler } });
      await expect(
        olderInstance.schedule(db, { kind: 'auction.close', key: 'x', payload: {}, runAt: START }),
      ).rejects.toThrow('no handler for scheduled job kind "auction.close"');
      // A newer instance scheduled a kind the older one does not know yet.
      await jobs.schedule(db, { kind: 'auction.close', key: 'auction.close:a1', payload: {}, runAt: START });
      await jobs.schedule(db, { kind: 'note', key: 'note:2', payload: {}, runAt: START });

      expect(await olderInstance.runDue()).toEqual({ ran: 1, failed: 1 });
      expect((await jobs.find('auction.close:a1'))?.lastError).toContain(
        'no handler for scheduled job kind "auction.close" on this server',
      );

      const newer = counting();
      const newerInstance = schedulerWith({ clock, retry, handlers: { 'auction.close': newer.handler } });
      clock.advance(SECOND);
      expect(await newerInstance.runDue()).toEqual({ ran: 1, failed: 0 });
      expect(newer.calls).toEqual(new Map([['auction.close:a1', 1]]));
      expect(older.calls).toEqual(new Map([['note:2', 1]]));
    });

    it('does not run a cancelled job, and its key stays used', async () => {
      const clock = new ManualClock(START);
      const { calls, handler } = counting();
      const scheduler = schedulerWith({ clock, handlers: { renew: handler } });
      const job = (key: string) => ({ kind: 'renew', key, payload: {}, runAt: at(HOUR) });
      await scheduler.schedule(db, job('renew:cancelled'));
      await scheduler.schedule(db, job('renew:kept'));

      expect(await scheduler.cancel(db, 'renew:cancelled')).toBe(true);
      expect(await scheduler.cancel(db, 'renew:cancelled')).toBe(false);
      expect(await scheduler.cancel(db, 'renew:never-scheduled')).toBe(false);
      expect(await scheduler.schedule(db, job('renew:cancelled'))).toBe(false);
      clock.advance(HOUR);

      expect(await scheduler.runDue()).toEqual({ ran: 1, failed: 0 });
      expect(calls).toEqual(new Map([['renew:kept', 1]]));
      expect(await jobs.find('renew:cancelled')).toMatchObject({
        status: 'cancelled',
        attempts: 0,
        finishedAt: START,
      });
    });

    it('after a restart, runs what came due while it was down', async () => {
      const { calls, handler } = counting();
      const before = schedulerWith({ clock: new ManualClock(START), handlers: { renew: handler } });
      for (const hours of [1, 2, 3]) {
        await before.schedule(db, {
          kind: 'renew',
          key: `renew:${hours}h`,
          payload: {},
          runAt: at(hours * HOUR),
        });
      }
      await before.stop();

      // A new process: its own pool and a clock reading a later time.
      const after = new Scheduler({
        db: await database.anotherPool(),
        clock: new ManualClock(at(2 * HOUR)),
        handlers: { renew: handler },
      });
      expect(await after.runDue()).toEqual({ ran: 2, failed: 0 });
      expect(calls).toEqual(
        new Map([
          ['renew:1h', 1],
          ['renew:2h', 1],
        ]),
      );
      expect(await jobs.find('renew:3h')).toMatchObject({ status: 'pending' });
    });

    it('on stop, waits for the handler that is running', async () => {
      const clock = new ManualClock(START);
      const started = deferred();
      const release = deferred();
      const { handler } = counting(async () => {
        started.resolve();
        await release.promise;
      });
      const scheduler = schedulerWith({ clock, handlers: { slow: handler } });
      await scheduler.schedule(db, { kind: 'slow', key: 'slow:1', payload: {}, runAt: START });

      scheduler.start(HOUR);
      await started.promise;
      let stopped = false;
      const stopping = scheduler.stop().then(() => (stopped = true));
      await nextTurn();
      expect(stopped).toBe(false);

      release.resolve();
      await stopping;
      expect(await jobs.find('slow:1')).toMatchObject({ status: 'done' });
    });

    it('runs a lane of long jobs beside the others: a job due meanwhile runs while a long one works', async () => {
      const clock = new ManualClock(START);
      const transcode = deferred();
      const long = counting(() => transcode.promise);
      const quick = counting();
      const scheduler = schedulerWith({
        clock,
        handlers: { 'media.process': long.handler, renew: quick.handler },
        lanes: [{ kinds: ['media.process'], concurrency: 1 }],
        leaseMs: 300, // the heartbeat beats every 100 ms of real time
      });
      await scheduler.schedule(db, { kind: 'media.process', key: 'process:1', payload: {}, runAt: at(0) });
      await scheduler.schedule(db, { kind: 'media.process', key: 'process:2', payload: {}, runAt: at(0) });
      scheduler.start(5);

      // The transcode holds the lane; a renewal due now runs anyway, and the lane's second job waits its turn.
      await expect.poll(() => long.calls.get('process:1') ?? 0).toBe(1);
      await scheduler.schedule(db, { kind: 'renew', key: 'renew:1', payload: {}, runAt: at(0) });
      await expect.poll(() => quick.calls.get('renew:1') ?? 0).toBe(1);
      expect(long.calls.get('process:2')).toBeUndefined();

      // While it works, the long job's lease is extended past its first end, so no other worker takes it.
      clock.advance(200);
      await expect
        .poll(async () => (await jobs.find('process:1'))?.lockedUntil?.getTime() ?? 0)
        .toBeGreaterThan(at(300).getTime());

      transcode.resolve();
      await expect.poll(() => long.calls.get('process:2') ?? 0).toBe(1);
      await scheduler.stop();
      expect(long.calls).toEqual(
        new Map([
          ['process:1', 1],
          ['process:2', 1],
        ]),
      );
      expect(await jobs.find('process:1')).toMatchObject({ status: 'done' });
    });
  });
}
