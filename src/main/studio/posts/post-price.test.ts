import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessRule } from '@shared/domain/access/rule';
import { ConflictError, ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import type { PostMutation } from '@shared/domain/posts/post-sync';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { accountMigrations } from '../db/migrations/account';
import { migrate } from '../db/migrator';
import { applyPage } from '../sync/apply-page';
import { Outbox } from '../sync/outbox';
import { StudioKinds } from '../sync/synced-kind';
import { snapshot, upsert } from '../test/snapshots';
import { tempDir } from '../test/temp-dir';
import type { PostEditor } from './post-editor';
import { openPosts } from './posts-feature';

const CREATOR = '018f0000-0000-7000-8000-000000000001';
const ACCOUNT = {
  id: CREATOR,
  serverUrl: 'http://127.0.0.1:9',
  email: 'c@example.test',
  handle: 'c',
  displayName: 'C',
  role: 'creator' as const,
};

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let outbox: Outbox;
let posts: PostEditor;
let kinds: StudioKinds;

function open(file: string) {
  db = openDatabase(file);
  outbox = new Outbox(db);
  const opened = openPosts({ db, outbox, account: ACCOUNT });
  posts = opened.editor;
  kinds = new StudioKinds([opened.kind]);
}

beforeEach(() => {
  dir = tempDir();
  open(join(dir.path, 'account.sqlite'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

const queued = (): PostMutation[] => outbox.peek(1000).map((e) => e.mutation as PostMutation);
const usd = (minor: string) => ({ currency: 'USD' as const, minor });
const buyersOf = (id: string): AccessRule => ({ kind: 'purchased', itemId: id });
const priced = (id: string, minor: string, title = 'For sale') => ({
  title,
  body: `Body of ${title}`,
  accessRule: buyersOf(id),
  price: usd(minor),
});

describe('a post price in the studio', () => {
  it('is written with the post under the id the editor chose, queued with its create, and kept across a restart', () => {
    const id = newId();
    const post = posts.create(priced(id, '450'), id);
    expect(post).toMatchObject({ id, price: usd('450'), accessRule: buyersOf(id), syncState: 'pending' });
    expect(queued()).toMatchObject([
      { entityId: id, change: { type: 'create', draft: { price: usd('450') } } },
    ]);

    db.close();
    open(join(dir.path, 'account.sqlite'));
    expect(posts.get(id)).toMatchObject({ price: usd('450') });
    expect(posts.list()).toMatchObject([{ id, price: usd('450') }]);
  });

  it('changes and goes with later edits, each queued with the draft as it was then', () => {
    const id = newId();
    posts.create(priced(id, '450'), id);
    posts.update(id, priced(id, '1000'));
    posts.update(id, { title: 'Free now', body: 'Body', accessRule: { kind: 'public' } });
    expect(posts.get(id)).toMatchObject({ title: 'Free now', price: null });
    expect(queued().map((m) => m.change.type === 'update' && m.change.draft.price)).toEqual([
      false,
      usd('1000'),
      null,
    ]);
  });

  it('refuses a price whose rule does not let buyers in, and a rule letting buyers in without a price, queueing nothing', () => {
    const id = newId();
    const attempts: [() => unknown, RegExp][] = [
      [
        () => posts.create({ ...priced(id, '450'), accessRule: { kind: 'follower' } }, id),
        /accessRule: a post with a price must let its buyers in/,
      ],
      // Buying another post does not let the buyers of this one in.
      [() => posts.create(priced(newId(), '450'), id), /accessRule: a post with a price/],
      [
        () => posts.create({ ...priced(id, '450'), price: null }, id),
        /price: a post its buyers can open needs a price/,
      ],
      [() => posts.create(priced(id, '49'), id), /price is at least \$0\.50/],
      [() => posts.create(priced(id, '100001'), id), /price is at most \$1000\.00/],
      [() => posts.create({ ...priced(id, '450'), price: { currency: 'USD', minor: 4.5 } }, id), /price/],
    ];
    for (const [attempt, message] of attempts) {
      expect(attempt).toThrow(ValidationError);
      expect(attempt).toThrow(message);
    }
    expect(posts.list()).toEqual([]);
    expect(queued()).toEqual([]);

    const post = posts.create(priced(id, '450'), id);
    expect(() => posts.update(id, { ...priced(id, '450'), accessRule: { kind: 'subscriber' } })).toThrow(
      /accessRule: a post with a price must let its buyers in/,
    );
    expect(posts.get(id)).toEqual(post);
    expect(queued()).toHaveLength(1);
  });

  it('refuses a second post with an id that is taken', () => {
    const id = newId();
    posts.create(priced(id, '450'), id);
    expect(() => posts.create(priced(id, '500', 'Again'), id)).toThrow(ConflictError);
    expect(posts.get(id)).toMatchObject({ title: 'For sale', price: usd('450') });
  });

  it("takes a pulled post's price, and reads a snapshot from before prices as none", () => {
    const forSale = newId();
    const old = newId();
    applyPage(
      db,
      kinds,
      [
        upsert(1, { ...snapshot(forSale, 1), accessRule: buyersOf(forSale), price: usd('999') }),
        upsert(2, snapshot(old, 1)), // no `price` at all: written by a server before posts had prices
      ],
      2,
    );
    expect(posts.get(forSale)).toMatchObject({ price: usd('999'), syncState: 'synced' });
    expect(posts.get(old)).toMatchObject({ price: null, syncState: 'synced' });
    // Many at once go through the multi-row upsert: the price lands there too.
    const many = Array.from({ length: 60 }, () => newId());
    applyPage(
      db,
      kinds,
      many.map((id, i) =>
        upsert(3 + i, { ...snapshot(id, 2), accessRule: buyersOf(id), price: usd(`${100 + i}`) }),
      ),
      62,
    );
    expect(many.map((id) => posts.get(id).price?.minor)).toEqual(many.map((_, i) => `${100 + i}`));
    applyPage(db, kinds, [upsert(63, { ...snapshot(forSale, 2), price: null })], 63);
    expect(posts.get(forSale)).toMatchObject({ price: null, version: 2 });
  });
});

describe('the price migration', () => {
  it("adds the price to an older studio's database, keeping its posts (as not for sale) and their waiting mutations", () => {
    const file = join(dir.path, 'older.sqlite');
    const older = new Database(file);
    const before = accountMigrations.filter((m) => m.name < '0005-post-prices');
    migrate(older, before);
    const id = newId();
    older
      .prepare(
        `INSERT INTO posts (id, creator_id, title, body, access_rule, status, version, confirmed_version,
          published_at, created_at, updated_at, deleted, sync_state, sync_error, server_copy)
        VALUES (?, ?, 'Old', 'Old body', '{"kind":"public"}', 'draft', 1, NULL, NULL, 'at', 'at', 0, 'pending',
          NULL, NULL)`,
      )
      .run(id, CREATOR);
    const draft = { title: 'Old', body: 'Old body', accessRule: { kind: 'public' } };
    older
      .prepare('INSERT INTO outbox (id, entity, entity_id, mutation, enqueued_at) VALUES (?, ?, ?, ?, ?)')
      .run(
        'm1',
        'post',
        id,
        JSON.stringify({ id: 'm1', entity: 'post', entityId: id, change: { type: 'create', draft } }),
        'at',
      );
    older.close();

    db.close();
    open(file);
    expect(posts.get(id)).toMatchObject({ title: 'Old', price: null });
    expect(queued()).toEqual([{ id: 'm1', entity: 'post', entityId: id, change: { type: 'create', draft } }]);
    // The post can be put up for sale now.
    expect(posts.update(id, priced(id, '300', 'Old'))).toMatchObject({ price: usd('300') });
  });
});
