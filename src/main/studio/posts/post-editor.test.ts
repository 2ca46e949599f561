import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@shared/domain/errors';
import type { PostMutation } from '@shared/domain/posts/post-sync';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { NoConflictError } from '../sync/no-conflict-error';
import { Outbox } from '../sync/outbox';
import { draft } from '../test/drafts';
import { tempDir } from '../test/temp-dir';
import { PostEditor } from './post-editor';
import { PostNotFoundError } from './post-errors';
import { PostTable } from './post-table';

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let outbox: Outbox;
let posts: PostEditor;
const CREATOR = '018f0000-0000-7000-8000-000000000001';

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
  outbox = new Outbox(db);
  posts = new PostEditor(db, new PostTable(db), outbox, CREATOR);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const queued = (): PostMutation[] => outbox.peek(1000).map((e) => e.mutation as PostMutation);
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('PostEditor', () => {
  it('writes a new post and its create mutation together, both with UUIDv7 ids', () => {
    const post = posts.create(draft('Hello'));
    expect(post).toMatchObject({ title: 'Hello', status: 'draft', syncState: 'pending', creatorId: CREATOR });
    expect(post.id).toMatch(UUID_V7);
    expect(posts.list()).toEqual([post]);
    const [mutation] = queued();
    expect(mutation).toMatchObject({
      entity: 'post',
      entityId: post.id,
      change: { type: 'create', draft: draft('Hello') },
    });
    expect(mutation?.id).toMatch(UUID_V7);
  });

  it('writes neither the post nor the mutation when the outbox write fails', () => {
    db.exec(
      `CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    expect(() => posts.create(draft('Lost?'))).toThrow(/disk full/);
    expect(posts.list()).toEqual([]);
    expect(queued()).toEqual([]);
  });

  it('leaves an existing post as it was when its update cannot be queued', () => {
    const post = posts.create(draft('Before'));
    db.exec(
      `CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    expect(() => posts.update(post.id, draft('After'))).toThrow(/disk full/);
    expect(() => posts.publish(post.id)).toThrow(/disk full/);
    expect(() => posts.delete(post.id)).toThrow(/disk full/);
    expect(posts.get(post.id)).toEqual(post);
    expect(queued()).toHaveLength(1);
  });

  it('refuses an invalid draft with the field named, writing nothing', () => {
    expect(() => posts.create({ title: 'x', body: '   ', accessRule: { kind: 'public' } })).toThrow(
      ValidationError,
    );
    expect(() => posts.create({ title: 'x', body: '   ', accessRule: { kind: 'public' } })).toThrow(
      /body: body must not be empty/,
    );
    expect(posts.list()).toEqual([]);
    expect(queued()).toEqual([]);
  });

  it('queues every edit in order with the server version it expects', () => {
    const post = posts.create(draft('One'));
    posts.update(post.id, draft('Two'));
    posts.publish(post.id);
    posts.publish(post.id); // already published: nothing to send
    posts.update(post.id, draft('Three'));
    posts.unpublish(post.id);
    const types = queued().map(({ change }) => [
      change.type,
      'baseVersion' in change ? change.baseVersion : null,
    ]);
    expect(types).toEqual([
      ['create', null],
      ['update', 1],
      ['publish', null],
      ['update', 3],
      ['unpublish', null],
    ]);
    expect(posts.get(post.id)).toMatchObject({
      title: 'Three',
      status: 'draft',
      version: 5,
      syncState: 'pending',
    });
  });

  it('deletes a post the server has through the outbox and hides it at once', () => {
    const post = posts.create(draft('Gone soon'));
    posts.delete(post.id);
    expect(posts.list()).toEqual([]);
    expect(queued().map((m) => m.change.type)).toEqual(['create', 'delete']);
    expect(() => posts.update(post.id, draft('Again'))).toThrow(PostNotFoundError);
  });

  it('lists posts newest first', () => {
    const first = posts.create(draft('First'));
    const second = posts.create(draft('Second'));
    expect(posts.list().map((p) => p.id)).toEqual([second.id, first.id]);
  });

  it('refuses to resolve a post that has no conflict', () => {
    const post = posts.create(draft('Calm'));
    expect(() => posts.resolveConflict(post.id, 'mine')).toThrow(NoConflictError);
  });
});
