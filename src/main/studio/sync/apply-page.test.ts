import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverOnlyKind } from '@shared/domain/sync/kind';
import type { Change } from '@shared/domain/sync/protocol';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { tempDir } from '../test/temp-dir';
import { applyPage } from './apply-page';
import { readCursor } from './cursor';
import { StudioKinds, type StudioKind } from './synced-kind';

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

/** A kind only the server writes (as tips or entitlements will be), recording what it was handed. */
function recordingKind(entity: string, seen: string[]): StudioKind {
  return {
    spec: serverOnlyKind(entity),
    applyChanges: (changes) => seen.push(...changes.map((c) => `${entity}:${c.seq}`)),
  };
}

const change = (seq: number, entity: string): Change => ({
  seq,
  entity,
  op: 'upsert',
  id: `id-${seq}`,
  data: {},
});

describe('a page of the change feed', () => {
  it('hands each kind its changes in feed order, skips kinds it does not know, and saves the cursor', () => {
    const seen: string[] = [];
    const kinds = new StudioKinds([recordingKind('tip', seen), recordingKind('entitlement', seen)]);
    const changed = applyPage(
      db,
      kinds,
      [
        change(1, 'tip'),
        change(2, 'tip'),
        change(3, 'from_a_newer_server'),
        change(4, 'entitlement'),
        change(5, 'tip'),
      ],
      5,
    );
    expect(seen).toEqual(['tip:1', 'tip:2', 'entitlement:4', 'tip:5']);
    expect([...changed]).toEqual([
      ['tip', ['id-1', 'id-2', 'id-5']],
      ['entitlement', ['id-4']],
    ]);
    expect(readCursor(db)).toBe(5);
  });

  it('keeps neither the changes nor the cursor when a kind fails half way', () => {
    const failing: StudioKind = {
      spec: serverOnlyKind('tip'),
      applyChanges: () => {
        db.exec("INSERT INTO sync_meta (key, value) VALUES ('written-before-failing', 'x')");
        throw new Error('disk I/O error');
      },
    };
    expect(() => applyPage(db, new StudioKinds([failing]), [change(1, 'tip')], 1)).toThrow(/disk I\/O/);
    expect(readCursor(db)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM sync_meta').pluck().get()).toBe(0);
  });

  it('refuses two kinds of one name, and a local change to a kind only the server writes', () => {
    expect(() => new StudioKinds([recordingKind('tip', []), recordingKind('tip', [])])).toThrow(
      /Two studio kinds/,
    );
    expect(() => new StudioKinds([recordingKind('tip', [])]).mutable('tip')).toThrow(/does not change tip/);
  });
});
