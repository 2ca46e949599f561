import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import type { PostSnapshot } from '@shared/domain/posts/post';
import { sandboxPaymentMethod } from '../adapters/payments/sandbox-rail';
import { Scheduler, type ClaimedJob } from '../services/scheduler';
import { insertMedia, setMediaStatus } from '../services/posts/test/media-rows';
import { draft } from '../test/post-drafts';
import { codeOf, signUp, startTestServer, type ServerClient, type TestServer } from '../test/test-server';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const clock = new ManualClock('2026-03-28T12:00:00.000Z');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
  // Only the test runs due work (`advance`): the server's own loop, ticking in real time, would race it and
  // leave a job half-run when the test looks.
  await server.services.scheduler.stop();
});
afterAll(() => server.close());

/** Moves time and runs what came due, as the server's loop would (never by sleeping). */
async function advance(ms: number) {
  clock.advance(ms);
  await server.services.scheduler.runDue();
}

const inFromNow = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();

async function newCreator() {
  const c = await signUp(server, 'creator');
  return { id: c.account.id, handle: c.account.handle!, client: c.client };
}
type Creator = Awaited<ReturnType<typeof newCreator>>;

/** The statuses the creator's change feed carried for one post, oldest first (what the studio saw). */
async function fedStatuses(creator: Creator, postId: string): Promise<string[]> {
  const rows = await server.db
    .selectFrom('changes')
    .select('data')
    .where('account_id', '=', creator.id)
    .where('entity_id', '=', postId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => {
    const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as PostSnapshot | null;
    return data?.status ?? 'deleted';
  });
}

const statusOf = async (creator: Creator, postId: string) =>
  (await creator.client.posts.mine.query()).find((post) => post.id === postId)?.status;

const onPage = async (creator: Creator, viewer: ServerClient = server.client()) =>
  (await viewer.creators.page.query({ handle: creator.handle })).posts.map((post) => post.id);

async function scheduled(creator: Creator, extra: Record<string, unknown>) {
  const post = await creator.client.posts.create.mutate({ draft: { ...draft('Later'), ...extra } });
  const published = await creator.client.posts.publish.mutate({ id: post.id });
  return { id: post.id, published };
}

describe('scheduled publishing', () => {
  it('publishes a scheduled post at its time, exactly once with two schedulers racing and after a crash', async () => {
    const creator = await newCreator();
    const publishAt = inFromNow(HOUR);
    const { id, published } = await scheduled(creator, { publishAt, timeZone: 'Europe/Paris' });
    expect(published).toMatchObject({
      status: 'scheduled',
      publishAt,
      publishedAt: null,
      timeZone: 'Europe/Paris',
    });
    expect(await onPage(creator)).toEqual([]);
    // Publishing again while it waits changes nothing.
    expect(await creator.client.posts.publish.mutate({ id })).toMatchObject({ version: published.version });

    await advance(HOUR - 1);
    expect(await statusOf(creator, id)).toBe('scheduled');

    clock.advance(1);
    const other = new Scheduler({ db: server.db, clock, handlers: server.services.postJobs.jobHandlers() });
    await Promise.all([server.services.scheduler.runDue(), other.runDue()]);
    const [post] = await creator.client.posts.mine.query();
    expect(post).toMatchObject({ id, status: 'published', publishedAt: publishAt });
    expect(await onPage(creator)).toEqual([id]);

    // The job handed over again, as a claim after a crash between the work and marking it done would.
    const job = await server.db
      .selectFrom('scheduled_jobs')
      .selectAll()
      .where('kind', '=', 'post.publish')
      .where('key', 'like', `post.publish:${id}:%`)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    const handover = { ...job, runAt: job.run_at, status: 'running', lockedUntil: clock.now() } as unknown;
    await server.services.postJobs.jobHandlers()['post.publish']!(handover as ClaimedJob, {
      now: clock.now(),
      attempt: job.attempts + 1,
      isLastAttempt: false,
    });
    expect(await fedStatuses(creator, id)).toEqual(['draft', 'scheduled', 'published']);
  });

  it('moves the publication when the creator moves the time; the old time publishes nothing', async () => {
    const creator = await newCreator();
    const { id, published } = await scheduled(creator, { publishAt: inFromNow(HOUR) });
    const later = inFromNow(3 * HOUR);
    await creator.client.posts.update.mutate({
      id,
      baseVersion: published.version,
      draft: { ...draft('Later'), publishAt: later },
    });
    await advance(HOUR);
    expect(await statusOf(creator, id)).toBe('scheduled');
    await advance(2 * HOUR);
    expect((await creator.client.posts.mine.query())[0]).toMatchObject({
      status: 'published',
      publishedAt: later,
    });
    expect(await fedStatuses(creator, id)).toEqual(['draft', 'scheduled', 'scheduled', 'published']);
  });

  it('unpublishing a scheduled post cancels it; scheduling it again for the same time publishes it once', async () => {
    const creator = await newCreator();
    const publishAt = inFromNow(HOUR);
    const { id } = await scheduled(creator, { publishAt });
    expect(await creator.client.posts.unpublish.mutate({ id })).toMatchObject({ status: 'draft' });
    await advance(30 * MINUTE);
    expect(await statusOf(creator, id)).toBe('draft');

    const other = await newCreator();
    const cancelled = await scheduled(other, { publishAt: inFromNow(HOUR) });
    await other.client.posts.unpublish.mutate({ id: cancelled.id });
    await advance(2 * HOUR);
    expect(await statusOf(other, cancelled.id)).toBe('draft');
    expect(await onPage(other)).toEqual([]);

    // Published once its time has passed, it goes out at once.
    expect(await creator.client.posts.publish.mutate({ id })).toMatchObject({ status: 'published' });
    // Unpublished and scheduled again for the same time: a job of its own, which runs.
    const again = await scheduled(creator, { publishAt: inFromNow(HOUR) });
    await creator.client.posts.unpublish.mutate({ id: again.id });
    await creator.client.posts.publish.mutate({ id: again.id });
    await advance(HOUR);
    expect(await fedStatuses(creator, again.id)).toEqual([
      'draft',
      'scheduled',
      'draft',
      'scheduled',
      'published',
    ]);
  });

  it('keeps a post scheduled while its media is processing, and publishes it once the media is ready', async () => {
    const creator = await newCreator();
    const video = await insertMedia(server.db, { creatorId: creator.id, status: 'processing' });
    const notUploaded = newId();
    const { id } = await scheduled(creator, {
      publishAt: inFromNow(HOUR),
      media: [
        { mediaId: video, caption: '' },
        { mediaId: notUploaded, caption: '' },
      ],
    });
    await advance(HOUR);
    expect(await statusOf(creator, id)).toBe('scheduled');
    await advance(MINUTE);
    await setMediaStatus(server.db, video, 'ready');
    await advance(2 * MINUTE);
    expect(await statusOf(creator, id)).toBe('scheduled');
    await insertMedia(server.db, { id: notUploaded, creatorId: creator.id, status: 'ready' });
    await advance(4 * MINUTE);
    expect(await statusOf(creator, id)).toBe('published');
    expect(await fedStatuses(creator, id)).toEqual(['draft', 'scheduled', 'published']);
    // The checks while it waited were jobs of their own, each done once.
    const jobs = await server.db
      .selectFrom('scheduled_jobs')
      .select(['key', 'status'])
      .where('key', 'like', `post.publish:${id}:%`)
      .orderBy('run_at')
      .execute();
    expect(jobs.map((job) => [job.key.split(':').at(-1), job.status])).toEqual([
      ['v2', 'done'],
      ['wait1', 'done'],
      ['wait2', 'done'],
      ['wait3', 'done'],
    ]);
  });

  it('keeps a post whose media failed scheduled, and gives it back as a draft after two weeks', async () => {
    const creator = await newCreator();
    const broken = await insertMedia(server.db, { creatorId: creator.id, status: 'failed' });
    const { id } = await scheduled(creator, {
      publishAt: inFromNow(HOUR),
      media: [{ mediaId: broken, caption: '' }],
    });
    await advance(HOUR);
    expect(await statusOf(creator, id)).toBe('scheduled');
    // Publishing it by hand says why it cannot go out.
    await expect(creator.client.posts.publish.mutate({ id })).rejects.toThrow(/could not be processed/);
    await advance(14 * DAY);
    expect(await statusOf(creator, id)).toBe('draft');
    expect(await onPage(creator)).toEqual([]);
  });
});

describe('expiry', () => {
  it('hides an expired post from fans at its time and tells the studio it expired', async () => {
    const creator = await newCreator();
    const { id } = await scheduled(creator, { publishAt: inFromNow(HOUR), expiresAt: inFromNow(DAY) });
    await advance(HOUR);
    expect(await onPage(creator)).toEqual([id]);

    // Past its expiry, fans no longer see it even before the job has run.
    clock.advance(23 * HOUR);
    expect(await onPage(creator)).toEqual([]);
    expect(await statusOf(creator, id)).toBe('published');
    await server.services.scheduler.runDue();
    expect(await statusOf(creator, id)).toBe('expired');
    expect(await onPage(creator)).toEqual([]);
    expect(await onPage(creator, creator.client)).toEqual([]);
    expect(await fedStatuses(creator, id)).toEqual(['draft', 'scheduled', 'published', 'expired']);

    // Publishing it again needs a later expiry first.
    const refused = await creator.client.posts.publish.mutate({ id }).catch((err: unknown) => err);
    expect(codeOf(refused)).toBe('PRECONDITION_FAILED');
    expect((refused as Error).message).toBe(
      'This post has already expired: move its expiry later to publish it',
    );
  });

  it('moves the expiry with the post, and unpublishing keeps it from expiring', async () => {
    const creator = await newCreator();
    const post = await creator.client.posts.create.mutate({
      draft: { ...draft('Short'), expiresAt: inFromNow(HOUR) },
    });
    const live = await creator.client.posts.publish.mutate({ id: post.id });
    expect(live.status).toBe('published');
    await creator.client.posts.update.mutate({
      id: post.id,
      baseVersion: live.version,
      draft: { ...draft('Short'), expiresAt: inFromNow(2 * HOUR) },
    });
    await advance(HOUR);
    expect(await statusOf(creator, post.id)).toBe('published');
    await advance(HOUR);
    expect(await statusOf(creator, post.id)).toBe('expired');

    const other = await creator.client.posts.create.mutate({
      draft: { ...draft('Kept'), expiresAt: inFromNow(HOUR) },
    });
    await creator.client.posts.publish.mutate({ id: other.id });
    await creator.client.posts.unpublish.mutate({ id: other.id });
    await advance(HOUR);
    expect(await statusOf(creator, other.id)).toBe('draft');
  });

  it('lets no fan buy a post before it goes out or after it expired', async () => {
    const creator = await newCreator();
    const fan = await signUp(server, 'fan');
    const forSale = async (times: Record<string, unknown>) => {
      const id = newId();
      await creator.client.posts.create.mutate({
        id,
        draft: {
          ...draft('For sale', { kind: 'purchased', itemId: id }),
          price: { currency: 'USD', minor: '500' },
          ...times,
        },
      });
      await creator.client.posts.publish.mutate({ id });
      return id;
    };
    const buy = (postId: string) =>
      fan.client.purchases.buy.mutate({
        postId,
        paymentMethod: sandboxPaymentMethod('4242424242424242'),
        idempotencyKey: newId(),
      });
    const notYet = await forSale({ publishAt: inFromNow(HOUR) });
    const expiring = await forSale({ expiresAt: inFromNow(HOUR) });
    await expect(buy(notYet)).rejects.toThrow(/No such post/);
    clock.advance(HOUR); // past the expiry, its job not run yet
    await expect(buy(expiring)).rejects.toThrow(/No such post/);
  });

  it("refuses to move a scheduled post's expiry into the past, naming the field", async () => {
    const creator = await newCreator();
    const { id, published } = await scheduled(creator, {
      publishAt: inFromNow(HOUR),
      expiresAt: inFromNow(2 * HOUR),
    });
    const refused = await creator.client.posts.update
      .mutate({
        id,
        baseVersion: published.version,
        draft: { ...draft('Later'), expiresAt: inFromNow(-MINUTE) },
      })
      .catch((err: unknown) => err);
    expect(codeOf(refused)).toBe('BAD_REQUEST');
    expect((refused as Error).message).toMatch(/^expiresAt: /);
  });
});
