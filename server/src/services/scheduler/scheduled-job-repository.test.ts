import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ScheduledJobRepository } from './scheduled-job-repository';
import { DATABASE_VARIANTS, type TestDatabase } from './test/database-variants';

const NOW = new Date('2026-03-01T09:00:00.000Z');
const LEASE_MS = 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

for (const variant of DATABASE_VARIANTS) {
  const title = variant.skipReason ? `${variant.name} (skipped: ${variant.skipReason})` : variant.name;

  describe.skipIf(variant.skipReason !== null)(`ScheduledJobRepository on ${title}`, () => {
    let database: TestDatabase;
    let jobs: ScheduledJobRepository;

    beforeAll(async () => {
      database = await variant.open();
      jobs = new ScheduledJobRepository(database.db);
    });
    afterAll(() => database?.close());
    beforeEach(async () => {
      await database.db.deleteFrom('scheduled_jobs').execute();
    });

    const schedule = (key: string, runAt: Date) =>
      jobs.schedule(database.db, { kind: 'renew', key, payload: { key }, runAt });

    it('claims due jobs oldest first, at most the limit, and none again while leased', async () => {
      await schedule('later', at(1));
      await schedule('third', at(-1));
      await schedule('first', at(-3));
      await schedule('second', at(-2));

      const firstClaim = await jobs.claimDue(NOW, 2, LEASE_MS);
      expect(firstClaim.map((job) => job.key)).toEqual(['first', 'second']);
      expect(firstClaim[0]).toMatchObject({
        status: 'running',
        attempts: 1,
        lockedUntil: at(LEASE_MS),
        payload: { key: 'first' },
      });
      expect((await jobs.claimDue(NOW, 2, LEASE_MS)).map((job) => job.key)).toEqual(['third']);
      expect(await jobs.claimDue(NOW, 2, LEASE_MS)).toEqual([]);
    });

    it("ignores a late report from a claim whose lease ran out, and keeps the newer claim's", async () => {
      await schedule('renew:1', NOW);
      const [stale] = await jobs.claimDue(NOW, 1, LEASE_MS);
      const [current] = await jobs.claimDue(at(LEASE_MS + 1), 1, LEASE_MS);
      expect(current).toMatchObject({ key: 'renew:1', attempts: 2 });

      expect(await jobs.complete(stale!, at(LEASE_MS + 2))).toBe(false);
      expect(await jobs.fail(stale!, 'too late', at(LEASE_MS * 10), at(LEASE_MS + 2))).toBe(false);
      expect(await jobs.find('renew:1')).toMatchObject({ status: 'running', attempts: 2, lastError: null });

      expect(await jobs.complete(current!, at(LEASE_MS + 3))).toBe(true);
      expect(await jobs.find('renew:1')).toMatchObject({ status: 'done', finishedAt: at(LEASE_MS + 3) });
    });

    it('keeps a job cancelled while it runs cancelled, whatever its worker reports', async () => {
      await schedule('renew:2', NOW);
      const [claim] = await jobs.claimDue(NOW, 1, LEASE_MS);
      expect(await jobs.cancel(database.db, 'renew:2', at(1))).toBe(true);

      expect(await jobs.fail(claim!, 'declined', at(LEASE_MS), at(2))).toBe(false);
      expect(await jobs.complete(claim!, at(2))).toBe(false);
      expect(await jobs.claimDue(at(LEASE_MS * 10), 1, LEASE_MS)).toEqual([]);
      expect(await jobs.find('renew:2')).toMatchObject({ status: 'cancelled', finishedAt: at(1) });
    });

    it.skipIf(variant.oneConnection)(
      'skips a job another transaction holds instead of waiting for it (needs a second connection)',
      async () => {
        await schedule('held', at(-2));
        await schedule('free', at(-1));
        const other = new ScheduledJobRepository(await database.anotherPool());
        const holding = deferred();
        const release = deferred();
        const holder = database.db.transaction().execute(async (trx) => {
          await trx.selectFrom('scheduled_jobs').select('id').where('key', '=', 'held').forUpdate().execute();
          holding.resolve();
          await release.promise;
        });
        await holding.promise;
        try {
          expect((await other.claimDue(NOW, 10, LEASE_MS)).map((job) => job.key)).toEqual(['free']);
        } finally {
          release.resolve();
          await holder;
        }
        expect((await other.claimDue(NOW, 10, LEASE_MS)).map((job) => job.key)).toEqual(['held']);
      },
    );
  });
}
