import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaSnapshot } from '@shared/domain/media/media';
import type { Change } from '@shared/domain/sync/protocol';
import { openDatabase, type StudioDatabase } from '../../db/connection';
import { applyPage } from '../../sync/apply-page';
import { readCursor } from '../../sync/cursor';
import { StudioKinds } from '../../sync/synced-kind';
import { tempDir } from '../../test/temp-dir';
import { VaultTable } from '../vault-table';
import { mediaKind } from './media-kind';
import { insertTestItem } from './test-vault-items';

const snapshot = (id: string, overrides: Partial<MediaSnapshot> = {}): MediaSnapshot => ({
  id,
  kind: 'video',
  status: 'ready',
  failure: null,
  bytes: 1000,
  durationMs: 3000,
  width: 640,
  height: 360,
  createdAt: '2026-12-02T10:00:00.000Z',
  readyAt: '2026-12-02T10:01:00.000Z',
  ...overrides,
});
const change = (seq: number, id: string, data: unknown, op: 'upsert' | 'delete' = 'upsert'): Change => ({
  seq,
  entity: 'media',
  op,
  id,
  data,
});

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let kinds: StudioKinds;
const status = (id: string) =>
  db
    .prepare('SELECT server_status AS status, server_failure AS failure FROM vault_items WHERE id = ?')
    .get(id);

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
  kinds = new StudioKinds([mediaKind(new VaultTable(db, '0'))]);
});
afterEach(() => {
  db.close();
  dir.remove();
});

describe('the media kind: what the server says of uploaded items', () => {
  it('stores each item’s latest status and failure, ignoring media this vault does not hold', () => {
    const ready = insertTestItem(db, { kind: 'video', originalPath: 'originals/a.mp4' });
    const broken = insertTestItem(db, { kind: 'video', originalPath: 'originals/b.mp4' });
    const stranger = '018f0000-0000-7000-8000-00000000ffff';
    applyPage(
      db,
      kinds,
      [
        change(1, ready, snapshot(ready, { status: 'processing', readyAt: null })),
        change(2, stranger, snapshot(stranger)),
        change(3, broken, snapshot(broken, { status: 'failed', failure: 'ffmpeg cannot read this file' })),
        change(4, ready, snapshot(ready)),
      ],
      4,
    );
    expect(status(ready)).toEqual({ status: 'ready', failure: null });
    expect(status(broken)).toEqual({ status: 'failed', failure: 'ffmpeg cannot read this file' });
    expect(db.prepare('SELECT count(*) FROM vault_items').pluck().get()).toBe(2);
    expect(readCursor(db)).toBe(4);
  });

  it('skips a change it cannot read, and forgets the status of media deleted on the server', () => {
    const id = insertTestItem(db, { kind: 'photo', originalPath: 'originals/c.jpg' });
    applyPage(db, kinds, [change(1, id, snapshot(id, { kind: 'photo' }))], 1);
    applyPage(db, kinds, [change(2, id, { id, status: 'melted' })], 2);
    expect(status(id)).toEqual({ status: 'ready', failure: null });
    applyPage(db, kinds, [change(3, id, null, 'delete')], 3);
    expect(status(id)).toEqual({ status: null, failure: null });
  });
});
