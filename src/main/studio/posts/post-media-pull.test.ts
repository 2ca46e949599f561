import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import type { PostMedia, PostSnapshot } from '@shared/domain/posts/post';
import type { PostMutation } from '@shared/domain/posts/post-sync';
import type { Change } from '@shared/domain/sync/protocol';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { applyPage } from '../sync/apply-page';
import { Outbox } from '../sync/outbox';
import { StudioKinds, type StudioKind } from '../sync/synced-kind';
import { draft } from '../test/drafts';
import { removal, snapshot, upsert } from '../test/snapshots';
import { tempDir } from '../test/temp-dir';
import type { PostEditor } from './post-editor';
import { openPosts } from './posts-feature';
import { PostTable } from './post-table';

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let posts: PostEditor;
let kind: StudioKind;
let kinds: StudioKinds;
let outbox: Outbox;

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-000000000001',
  serverUrl: 'http://127.0.0.1:9',
  email: 'c@example.test',
  handle: 'c',
  displayName: 'C',
  role: 'creator' as const,
};

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
  outbox = new Outbox(db);
  const opened = openPosts({ db, outbox, account: ACCOUNT });
  posts = opened.editor;
  kind = opened.kind;
  kinds = new StudioKinds([kind]);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const pull = (changes: Change[]) => applyPage(db, kinds, changes, changes.at(-1)?.seq ?? 0);
const items = (...ids: string[]): PostMedia[] => ids.map((mediaId, i) => ({ mediaId, caption: `#${i + 1}` }));
const [A, B, C] = [newId(), newId(), newId()];

/** A snapshot as a server with media and schedules sends it. */
function mediaSnapshot(id: string, version: number, more: Partial<PostSnapshot>): PostSnapshot {
  return {
    ...snapshot(id, version),
    media: [],
    publishAt: null,
    expiresAt: null,
    timeZone: null,
    price: null,
    ...more,
  };
}

describe('pulled posts with media and schedules', () => {
  it('land with their media in order and the new statuses, many posts at a time', () => {
    const ids = Array.from({ length: 120 }, () => newId());
    const statuses = ['draft', 'scheduled', 'published', 'expired'] as const;
    const page = ids.map((id, i) =>
      upsert(
        i + 1,
        mediaSnapshot(id, 1, {
          status: statuses[i % 4]!,
          media: i % 2 === 0 ? items(A, B, C) : items(C, A),
          publishAt: '2026-12-24T17:00:00.000Z',
          expiresAt: i % 4 === 3 ? '2026-12-25T00:00:00.000Z' : null,
          timeZone: 'Europe/Paris',
        }),
      ),
    );
    pull(page);
    const byId = new Map(posts.list().map((p) => [p.id, p]));
    expect(byId.size).toBe(120);
    expect(byId.get(ids[0]!)).toMatchObject({ status: 'draft', media: items(A, B, C), syncState: 'synced' });
    expect(byId.get(ids[1]!)).toMatchObject({
      status: 'scheduled',
      media: items(C, A),
      publishAt: '2026-12-24T17:00:00.000Z',
      timeZone: 'Europe/Paris',
    });
    expect(byId.get(ids[2]!)).toMatchObject({ status: 'published' });
    expect(byId.get(ids[3]!)).toMatchObject({ status: 'expired', expiresAt: '2026-12-25T00:00:00.000Z' });
    expect(db.prepare('SELECT count(*) AS n FROM post_media').get()).toEqual({ n: 60 * 3 + 60 * 2 });
  });

  it('replace a post’s media with the latest version, even twice in one page', () => {
    const id = newId();
    pull([upsert(1, mediaSnapshot(id, 1, { media: items(A, B, C) }))]);
    pull([
      upsert(2, mediaSnapshot(id, 2, { media: items(B) })),
      upsert(3, mediaSnapshot(id, 3, { media: items(C, B), status: 'scheduled' })),
    ]);
    expect(posts.get(id)).toMatchObject({ version: 3, media: items(C, B), status: 'scheduled' });
    // One at a time, as a post with something of the creator's is taken once that is settled.
    new PostTable(db).receive(mediaSnapshot(id, 4, { media: items(A), status: 'published' }));
    expect(posts.get(id)).toMatchObject({ version: 4, media: items(A), status: 'published' });
  });

  it('take scheduled → published → expired as the server’s scheduler reports them', () => {
    const id = newId();
    const base = { media: items(A), publishAt: '2026-12-24T17:00:00.000Z', timeZone: 'Europe/Paris' };
    pull([upsert(1, mediaSnapshot(id, 2, { ...base, status: 'scheduled' }))]);
    pull([
      upsert(
        2,
        mediaSnapshot(id, 3, { ...base, status: 'published', publishedAt: '2026-12-24T17:00:00.000Z' }),
      ),
    ]);
    expect(posts.get(id)).toMatchObject({ status: 'published', publishedAt: '2026-12-24T17:00:00.000Z' });
    pull([
      upsert(3, mediaSnapshot(id, 4, { ...base, status: 'expired', expiresAt: '2026-12-25T00:00:00.000Z' })),
    ]);
    expect(posts.get(id)).toMatchObject({ status: 'expired', version: 4, media: items(A) });
  });

  it('from before media (an older server or feed entry) read as none and clear what was there', () => {
    const id = newId();
    pull([
      upsert(
        1,
        mediaSnapshot(id, 1, { media: items(A, B), publishAt: '2026-12-24T17:00:00.000Z', timeZone: 'UTC' }),
      ),
    ]);
    pull([upsert(2, snapshot(id, 2))]); // no media, publishAt, expiresAt, timeZone or price at all
    expect(posts.get(id)).toMatchObject({
      version: 2,
      media: [],
      publishAt: null,
      expiresAt: null,
      timeZone: null,
      price: null,
    });
    expect(db.prepare('SELECT count(*) AS n FROM post_media').get()).toEqual({ n: 0 });
  });

  it('leave the media of a post with an edit waiting alone', () => {
    const mine = posts.create({ ...draft('Mine'), media: items(A, B) });
    pull([upsert(1, mediaSnapshot(mine.id, 1, { media: items(C) }))]);
    expect(posts.get(mine.id)).toMatchObject({ media: items(A, B), syncState: 'pending' });
  });

  it('deleted on the server take their media rows with them', () => {
    const id = newId();
    pull([upsert(1, mediaSnapshot(id, 1, { media: items(A, B) })), removal(2, id)]);
    expect(posts.list()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM post_media').get()).toEqual({ n: 0 });
  });
});

describe('a conflict on a post with media', () => {
  /** The creator edited a synced post's media while someone else changed them on the server. */
  function conflicted() {
    const id = newId();
    pull([upsert(1, mediaSnapshot(id, 1, { media: items(A, B) }))]);
    posts.update(id, { ...draft('Mine'), media: items(B, A) });
    const [update] = outbox.peek(10).map((e) => e.mutation as PostMutation);
    outbox.ack(update!.id);
    const theirs = mediaSnapshot(id, 2, {
      title: 'Theirs',
      media: items(C),
      status: 'scheduled',
      publishAt: '2026-12-24T17:00:00.000Z',
    });
    kind.applyResult!(update!, { id: update!.id, status: 'conflict', current: theirs });
    return { id, theirs };
  }

  it('keeps both versions, each with its own media', () => {
    const { id } = conflicted();
    expect(posts.get(id)).toMatchObject({
      title: 'Mine',
      media: items(B, A),
      syncState: 'conflict',
      serverVersion: { title: 'Theirs', media: items(C), status: 'scheduled', version: 2 },
    });
  });

  it('keeping the server’s takes its media and schedule', () => {
    const { id } = conflicted();
    posts.resolveConflict(id, 'server');
    expect(posts.get(id)).toMatchObject({
      title: 'Theirs',
      media: items(C),
      status: 'scheduled',
      syncState: 'synced',
    });
    expect(outbox.pendingCount()).toBe(0);
  });

  it('keeping mine sends my media over theirs, and takes the post back to draft as mine was', () => {
    const { id } = conflicted();
    posts.resolveConflict(id, 'mine');
    expect(posts.get(id)).toMatchObject({ title: 'Mine', media: items(B, A), syncState: 'pending' });
    const changes = outbox.peek(10).map((e) => (e.mutation as PostMutation).change);
    expect(changes.map((c) => c.type)).toEqual(['update', 'unpublish']);
    expect(changes[0]).toMatchObject({ baseVersion: 2, draft: { media: items(B, A) } });
  });

  it('shows an older server copy without media as having none', () => {
    const id = newId();
    pull([upsert(1, mediaSnapshot(id, 1, { media: items(A) }))]);
    posts.update(id, { ...draft('Mine'), media: items(A, B) });
    const [update] = outbox.peek(10).map((e) => e.mutation as PostMutation);
    outbox.ack(update!.id);
    kind.applyResult!(update!, {
      id: update!.id,
      status: 'conflict',
      current: snapshot(id, 2, 'Old server'),
    });
    expect(posts.get(id).serverVersion).toMatchObject({
      title: 'Old server',
      media: [],
      publishAt: null,
      price: null,
    });
  });
});
