import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import type { DatabaseHandle } from '../../../db/database';
import { migrateToLatest } from '../../../db/migrate';
import type { Database } from '../../../db/schema';
import { openTestDatabase } from '../../../test/test-server';
import { IngestKeyView } from './ingest-key-view';
import { insertCreator, insertStream } from './test/relay-test-kit';

const HOUR = 3_600_000;

describe('the ingest key view', () => {
  let database: DatabaseHandle;
  let db: Kysely<Database>;
  let creatorId: string;
  const clock = new ManualClock(new Date());
  const later = (ms: number) => new Date(clock.now().getTime() + ms);

  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.db;
    await migrateToLatest(db);
    creatorId = await insertCreator(db);
  });
  afterAll(() => database?.close());

  it('lets in the key of a scheduled or live stream, and refuses a wrong or missing one', async () => {
    const scheduled = await insertStream(db, creatorId, { keyExpiresAt: later(HOUR) });
    const live = await insertStream(db, creatorId, { status: 'live', keyExpiresAt: later(HOUR) });
    const view = new IngestKeyView(db, clock);
    await view.loadAll();
    expect(view.check(scheduled.streamId, scheduled.key)).toEqual({ ok: true });
    expect(view.check(live.streamId, live.key)).toEqual({ ok: true });
    expect(view.check(scheduled.streamId, live.key)).toMatchObject({ ok: false, reason: 'wrong key' });
    expect(view.check(scheduled.streamId, undefined)).toMatchObject({ ok: false, reason: 'no key given' });
    expect(view.check(scheduled.streamId, 'x'.repeat(10_000))).toMatchObject({
      ok: false,
      reason: 'no key given',
    });
  });

  it('refuses a key once the clock passes its expiry, though it was loaded before', async () => {
    const clockOfItsOwn = new ManualClock(clock.now());
    const stream = await insertStream(db, creatorId, { keyExpiresAt: later(HOUR) });
    const view = new IngestKeyView(db, clockOfItsOwn);
    await view.loadAll();
    clockOfItsOwn.advance(HOUR);
    expect(view.check(stream.streamId, stream.key)).toMatchObject({ ok: false, reason: 'expired key' });
  });

  it('follows a key issued, then revoked, one refresh at a time', async () => {
    const view = new IngestKeyView(db, clock);
    await view.loadAll();
    const stream = await insertStream(db, creatorId, { keyExpiresAt: later(HOUR) });
    expect(view.check(stream.streamId, stream.key)).toMatchObject({ ok: false, known: false });
    await view.refresh(stream.streamId);
    expect(view.check(stream.streamId, stream.key)).toEqual({ ok: true });
    await db
      .updateTable('live_stream_keys')
      .set({ revoked_at: clock.now() })
      .where('stream_id', '=', stream.streamId)
      .execute();
    // A full reload asked first and the stream's refresh after: the later read wins, whatever their timing.
    const reload = view.loadAll();
    const refresh = view.refresh(stream.streamId);
    await Promise.all([reload, refresh]);
    expect(view.check(stream.streamId, stream.key)).toMatchObject({ ok: false, reason: 'unknown stream' });
    expect(await view.explain(stream.streamId)).toBe('revoked key');
  });

  it('says why a stream it does not hold is refused, from the database', async () => {
    const view = new IngestKeyView(db, clock);
    await view.loadAll();
    const ended = await insertStream(db, creatorId, { status: 'ended', keyExpiresAt: later(HOUR) });
    const cancelled = await insertStream(db, creatorId, { status: 'cancelled', keyExpiresAt: later(HOUR) });
    const expired = await insertStream(db, creatorId, { keyExpiresAt: later(-1) });
    const missed = await insertStream(db, creatorId, { keyExpiresAt: later(HOUR) });
    expect(await view.explain(ended.streamId)).toBe('stream ended (a reused key)');
    expect(await view.explain(cancelled.streamId)).toBe('stream cancelled (a reused key)');
    expect(await view.explain(expired.streamId)).toBe('expired key');
    expect(await view.explain('0191b3c0-0000-7000-8000-000000000000')).toBe('unknown stream');
    // A key the view missed is read in, so the encoder's next attempt passes.
    expect(await view.explain(missed.streamId)).toMatch(/^key not loaded yet/);
    expect(view.check(missed.streamId, missed.key)).toEqual({ ok: true });
  });
});
