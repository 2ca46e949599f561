import { join } from 'node:path';
import { newId } from '@shared/domain/ids';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '@shared/domain/sync/protocol';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { applyPage } from '../sync/apply-page';
import { readCursor } from '../sync/cursor';
import { Outbox } from '../sync/outbox';
import { StudioKinds } from '../sync/synced-kind';
import { draft } from '../test/drafts';
import { removal, snapshot, upsert } from '../test/snapshots';
import { tempDir } from '../test/temp-dir';
import type { PostEditor } from './post-editor';
import { openPosts } from './posts-feature';

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let posts: PostEditor;
let kinds: StudioKinds;
let outbox: Outbox;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
  outbox = new Outbox(db);
  const opened = openPosts({ db, outbox, account: ACCOUNT });
  posts = opened.editor;
  kinds = new StudioKinds([opened.kind]);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-000000000001',
  serverUrl: 'http://127.0.0.1:9',
  email: 'c@example.test',
  handle: 'c',
  displayName: 'C',
  role: 'creator' as const,
};

/** Applies a page of pulled changes as the sync engine does. */
const applyChanges = (database: StudioDatabase, changes: Change[], cursor: number) =>
  applyPage(database, kinds, changes, cursor);

describe('pulled posts', () => {
  it('applies a page of the change feed and saves its cursor', () => {
    const a = newId();
    const b = newId();
    applyChanges(
      db,
      [upsert(1, snapshot(a, 1)), upsert(2, snapshot(b, 1)), upsert(3, snapshot(a, 2)), removal(4, b)],
      4,
    );
    expect(posts.list()).toEqual([
      expect.objectContaining({ id: a, version: 2, title: 'Title v2', syncState: 'synced' }),
    ]);
    expect(readCursor(db)).toBe(4);
  });

  it('applies nothing, cursor included, when a page fails half way', () => {
    const ids = Array.from({ length: 10 }, () => newId());
    db.exec(`CREATE TRIGGER sixth_fails BEFORE INSERT ON posts WHEN (SELECT count(*) FROM posts) = 5
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    expect(() =>
      applyChanges(
        db,
        ids.map((id, i) => upsert(i + 1, snapshot(id, 1))),
        10,
      ),
    ).toThrow(/disk I\/O/);
    expect(posts.list()).toEqual([]);
    expect(readCursor(db)).toBe(0);
  });

  it('does not overwrite a local edit still waiting to be pushed, but records the server copy', () => {
    const mine = posts.create(draft('Mine'));
    applyChanges(db, [upsert(1, { ...snapshot(mine.id, 1), title: 'Theirs' })], 1);
    expect(posts.get(mine.id)).toMatchObject({ title: 'Mine', syncState: 'pending', serverVersion: null });
    applyChanges(db, [removal(2, mine.id)], 2);
    expect(posts.get(mine.id)).toMatchObject({ title: 'Mine', syncState: 'pending' });
  });

  it('brings a post back to synced once the server copy arrives and nothing is waiting', () => {
    const mine = posts.create(draft('Mine'));
    outbox.dropFor('post', mine.id); // as if the server had acknowledged the create
    applyChanges(db, [upsert(1, { ...snapshot(mine.id, 1), title: 'Mine' })], 1);
    expect(posts.get(mine.id)).toMatchObject({ title: 'Mine', syncState: 'synced', version: 1 });
  });

  it('keeps feed order across a page mixing many posts, repeats, deletions and a local edit', () => {
    const mine = posts.create(draft('Mine, waiting'));
    const ids = Array.from({ length: 120 }, () => newId());
    const page: Change[] = [];
    let seq = 0;
    for (const id of ids) page.push(upsert(++seq, snapshot(id, 1)));
    page.push(upsert(++seq, { ...snapshot(mine.id, 1), title: 'Theirs' }));
    page.push(upsert(++seq, snapshot(ids[3]!, 2, 'Second version')));
    page.push(removal(++seq, ids[4]!));
    page.push(upsert(++seq, snapshot(ids[4]!, 3, 'Back again')));
    page.push(removal(++seq, ids[5]!));
    applyChanges(db, page, seq);

    const byId = new Map(posts.list().map((post) => [post.id, post]));
    expect(byId.size).toBe(120); // 120 pulled, one removed, plus mine
    expect(byId.get(ids[3]!)).toMatchObject({ title: 'Second version', version: 2, syncState: 'synced' });
    expect(byId.get(ids[4]!)).toMatchObject({ title: 'Back again', version: 3 });
    expect(byId.has(ids[5]!)).toBe(false);
    expect(byId.get(mine.id)).toMatchObject({ title: 'Mine, waiting', syncState: 'pending' });
    expect(readCursor(db)).toBe(seq);
  });
});
