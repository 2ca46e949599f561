import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { InvalidStateError, ValidationError } from '@shared/domain/errors';
import type { PostDraft } from '@shared/domain/posts/post';
import type { PostMutation } from '@shared/domain/posts/post-sync';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { Outbox } from '../sync/outbox';
import { draft } from '../test/drafts';
import { tempDir } from '../test/temp-dir';
import { PostEditor } from './post-editor';
import { PostExpiredError } from './post-errors';
import { PostTable } from './post-table';

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let outbox: Outbox;
let posts: PostEditor;
let now: Date;
const CREATOR = '018f0000-0000-7000-8000-000000000001';

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
  outbox = new Outbox(db);
  now = new Date('2026-12-01T12:00:00.000Z');
  posts = new PostEditor(db, new PostTable(db), outbox, CREATOR, () => now);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const queued = (): PostMutation[] => outbox.peek(1000).map((e) => e.mutation as PostMutation);
const [A, B, C] = [newId(), newId(), newId()];
const withMedia = (title: string, ids: string[], extra: Partial<PostDraft> = {}): PostDraft => ({
  ...draft(title),
  media: ids.map((mediaId) => ({ mediaId, caption: `Caption of ${mediaId.slice(-4)}` })),
  ...extra,
});
const mediaRows = (postId: string) =>
  db
    .prepare('SELECT position, media_id, caption FROM post_media WHERE post_id = ? ORDER BY position')
    .all(postId);
const SCHEDULE = { publishAt: '2026-12-24T18:00:00+01:00', timeZone: 'Europe/Paris' };

describe('a post with media', () => {
  it('keeps three items in order with their captions, in its rows and in its create mutation', () => {
    const post = posts.create(withMedia('Trip', [A, B, C]));
    expect(post.media).toEqual([
      { mediaId: A, caption: `Caption of ${A.slice(-4)}` },
      { mediaId: B, caption: `Caption of ${B.slice(-4)}` },
      { mediaId: C, caption: `Caption of ${C.slice(-4)}` },
    ]);
    expect(mediaRows(post.id)).toEqual([
      { position: 0, media_id: A, caption: `Caption of ${A.slice(-4)}` },
      { position: 1, media_id: B, caption: `Caption of ${B.slice(-4)}` },
      { position: 2, media_id: C, caption: `Caption of ${C.slice(-4)}` },
    ]);
    expect(posts.get(post.id)).toEqual(post);
    expect(queued()[0]?.change).toEqual({
      type: 'create',
      draft: {
        ...withMedia('Trip', [A, B, C]),
        price: null,
        publishAt: null,
        expiresAt: null,
        timeZone: null,
      },
    });
  });

  it('replaces the set on every save: reordered, one dropped, a caption changed', () => {
    const post = posts.create(withMedia('Trip', [A, B, C]));
    const reordered = posts.update(post.id, {
      ...draft('Trip'),
      media: [
        { mediaId: C, caption: 'Last shall be first' },
        { mediaId: A, caption: '' },
      ],
    });
    expect(reordered.media).toEqual([
      { mediaId: C, caption: 'Last shall be first' },
      { mediaId: A, caption: '' },
    ]);
    expect(mediaRows(post.id)).toEqual([
      { position: 0, media_id: C, caption: 'Last shall be first' },
      { position: 1, media_id: A, caption: '' },
    ]);
    const update = queued()[1]!.change;
    expect(update).toMatchObject({ type: 'update', baseVersion: 1 });
    expect(update.type === 'update' && update.draft.media?.map((m) => m.mediaId)).toEqual([C, A]);
  });

  it('a post made of media alone needs no text', () => {
    expect(posts.create({ ...withMedia('Photos', [A]), body: '' }).body).toBe('');
    expect(() => posts.create({ ...draft('Nothing'), body: '', media: [] })).toThrow(
      /body must not be empty/,
    );
  });

  it('refuses a bad media list with the field named, writing nothing', () => {
    const bad = [
      [
        {
          ...draft('Twice'),
          media: [
            { mediaId: A, caption: '' },
            { mediaId: A, caption: '' },
          ],
        },
        /media: a media item appears once/,
      ],
      [
        { ...draft('Not an id'), media: [{ mediaId: 'photo.jpg', caption: '' }] },
        /media\.0\.mediaId: mediaId must be a UUID/,
      ],
      [
        withMedia(
          'Too many',
          Array.from({ length: 21 }, () => newId()),
        ),
        /at most 20 media items/,
      ],
    ] as const;
    for (const [input, message] of bad) {
      expect(() => posts.create(input)).toThrow(message);
      try {
        posts.create(input);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).field).toBe('media');
      }
    }
    expect(posts.list()).toEqual([]);
    expect(queued()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM post_media').get()).toEqual({ n: 0 });
  });

  it('writes neither the post, its media nor its mutation when the outbox write fails', () => {
    const post = posts.create(withMedia('Before', [A, B]));
    db.exec(
      `CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    expect(() => posts.update(post.id, withMedia('After', [C]))).toThrow(/disk full/);
    expect(() => posts.create(withMedia('New', [C]))).toThrow(/disk full/);
    expect(posts.list()).toEqual([post]);
    expect(mediaRows(post.id).map((row) => (row as { media_id: string }).media_id)).toEqual([A, B]);
    expect(queued()).toHaveLength(1);
  });

  it('says which posts use a media item, and forgets a deleted post', () => {
    const first = posts.create(withMedia('First', [A, B]));
    const second = posts.create(withMedia('Second', [B]));
    posts.create(withMedia('Third', [C]));
    expect(posts.usingMedia(B).map((p) => p.id)).toEqual([second.id, first.id]);
    expect(posts.usingMedia(newId())).toEqual([]);
    posts.delete(second.id);
    expect(posts.usingMedia(B).map((p) => p.id)).toEqual([first.id]);
  });

  it('takes its media rows with it when it is removed for good', () => {
    const post = posts.create(withMedia('Never synced', [A, B]));
    outbox.dropFor('post', post.id);
    posts.delete(post.id);
    expect(mediaRows(post.id)).toEqual([]);
  });
});

describe('a scheduled post', () => {
  it('carries its schedule, expiry and zone, instants in UTC', () => {
    const post = posts.create({ ...draft('Xmas'), ...SCHEDULE, expiresAt: '2026-12-26T00:00:00+01:00' });
    expect(post).toMatchObject({
      publishAt: '2026-12-24T17:00:00.000Z',
      expiresAt: '2026-12-25T23:00:00.000Z',
      timeZone: 'Europe/Paris',
      status: 'draft',
    });
    expect(queued()[0]?.change).toMatchObject({
      draft: {
        publishAt: '2026-12-24T17:00:00.000Z',
        expiresAt: '2026-12-25T23:00:00.000Z',
        timeZone: 'Europe/Paris',
      },
    });
  });

  it('refuses an expiry before the publishing time, or a zone that is not one, naming the field', () => {
    expect(() =>
      posts.create({ ...draft('Backwards'), ...SCHEDULE, expiresAt: '2026-12-24T16:00:00Z' }),
    ).toThrow(/expiresAt: expiresAt must be after publishAt/);
    expect(() => posts.create({ ...draft('Where'), ...SCHEDULE, timeZone: 'Mars/Olympus' })).toThrow(
      /timeZone: timeZone must be an IANA time zone/,
    );
    expect(() => posts.create({ ...draft('When'), publishAt: '24/12/2026 18:00' })).toThrow(
      /publishAt: publishAt must be an ISO 8601 date and time/,
    );
    expect(posts.list()).toEqual([]);
  });

  it('is scheduled, not published, when its time is ahead, and the server is asked to publish once', () => {
    const post = posts.create({ ...draft('Xmas'), ...SCHEDULE });
    expect(posts.publish(post.id)).toMatchObject({ status: 'scheduled', publishedAt: null, version: 2 });
    expect(posts.publish(post.id)).toMatchObject({ status: 'scheduled', version: 2 }); // nothing more to send
    expect(queued().map((m) => m.change.type)).toEqual(['create', 'publish']);
  });

  it('is published at once when its time has come', () => {
    const post = posts.create({
      ...draft('Now'),
      publishAt: '2026-12-01T11:59:00Z',
      timeZone: 'Europe/Paris',
    });
    expect(posts.publish(post.id)).toMatchObject({ status: 'published', publishedAt: now.toISOString() });
  });

  it('goes back to draft when unpublished, which cancels its schedule on the server', () => {
    const post = posts.create({ ...draft('Xmas'), ...SCHEDULE });
    posts.publish(post.id);
    expect(posts.unpublish(post.id)).toMatchObject({
      status: 'draft',
      publishAt: '2026-12-24T17:00:00.000Z',
    });
    expect(queued().map((m) => m.change.type)).toEqual(['create', 'publish', 'unpublish']);
  });

  it('cannot be published once its expiry has passed, and nothing is queued', () => {
    const post = posts.create({ ...draft('Too late'), expiresAt: '2026-11-30T00:00:00Z' });
    expect(() => posts.publish(post.id)).toThrow(PostExpiredError);
    expect(() => posts.publish(post.id)).toThrow(InvalidStateError);
    expect(() => posts.publish(post.id)).toThrow(/already expired: move its expiry later/);
    expect(posts.get(post.id)).toMatchObject({ status: 'draft', version: 1 });
    expect(queued().map((m) => m.change.type)).toEqual(['create']);
  });

  it('keeps its status through an edit: moved to now, it goes out when the server runs it', () => {
    const post = posts.create({ ...draft('Xmas'), ...SCHEDULE });
    posts.publish(post.id);
    const edited = posts.update(post.id, { ...draft('Xmas'), publishAt: null, timeZone: 'Europe/Paris' });
    expect(edited).toMatchObject({ status: 'scheduled', publishAt: null, publishedAt: null });
    expect(queued().map((m) => m.change.type)).toEqual(['create', 'publish', 'update']);
  });

  it('refuses an edit that gives it an expiry already passed, as the server would', () => {
    const post = posts.create({ ...draft('Xmas'), ...SCHEDULE });
    posts.publish(post.id);
    expect(() =>
      posts.update(post.id, { ...draft('Xmas'), publishAt: null, expiresAt: '2026-11-01T00:00:00Z' }),
    ).toThrow(/expiresAt: This post has already expired/);
    expect(posts.get(post.id)).toMatchObject({ status: 'scheduled', expiresAt: null, version: 2 });
    // A draft may hold any expiry: it is checked when it is published.
    const plain = posts.create(draft('Plain'));
    expect(posts.update(plain.id, { ...draft('Plain'), expiresAt: '2026-11-01T00:00:00Z' }).status).toBe(
      'draft',
    );
  });

  it('published again once due puts it out now (the server may have been waiting for its media)', () => {
    const post = posts.create({ ...draft('Xmas'), ...SCHEDULE });
    posts.publish(post.id);
    now = new Date('2026-12-24T17:05:00Z');
    // Its create and publish are still waiting: the publish, when it arrives, already puts it out.
    expect(posts.publish(post.id)).toMatchObject({ status: 'published' });
    expect(queued().map((m) => m.change.type)).toEqual(['create', 'publish']);
    // Once the server has them, publishing again is asked for.
    const other = posts.create({ ...draft('Eve'), publishAt: '2026-12-24T17:10:00Z' });
    posts.publish(other.id);
    outbox.dropFor('post', other.id);
    db.prepare(`UPDATE posts SET confirmed_version = 2, sync_state = 'synced' WHERE id = ?`).run(other.id);
    now = new Date('2026-12-24T17:15:00Z');
    expect(posts.publish(other.id)).toMatchObject({ status: 'published', publishedAt: now.toISOString() });
    expect(
      queued()
        .filter((m) => m.entityId === other.id)
        .map((m) => m.change),
    ).toEqual([{ type: 'publish' }]);
  });

  it('created again after a refusal asks to publish it, scheduled as it was', () => {
    const post = posts.create({ ...draft('Xmas'), ...SCHEDULE });
    posts.publish(post.id);
    // The server refused the create: its mutations left the outbox and the post was never confirmed.
    outbox.dropFor('post', post.id);
    db.prepare(`UPDATE posts SET sync_state = 'rejected', version = 0 WHERE id = ?`).run(post.id);
    posts.update(post.id, { ...draft('Xmas, fixed'), ...SCHEDULE });
    expect(queued().map((m) => m.change.type)).toEqual(['create', 'publish']);
    expect(queued()[0]?.change).toMatchObject({
      draft: { title: 'Xmas, fixed', publishAt: '2026-12-24T17:00:00.000Z' },
    });
  });
});
