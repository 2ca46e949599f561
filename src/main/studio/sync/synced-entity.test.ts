import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, InvalidStateError, ValidationError } from '@shared/domain/errors';
import { mutableKind } from '@shared/domain/sync/kind';
import type { Mutation } from '@shared/domain/sync/protocol';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { tempDir } from '../test/temp-dir';
import { applyAnswers } from './apply-answers';
import { Outbox } from './outbox';
import { parseDraft, SyncedEntities, type DraftChange } from './synced-entity-editor';
import { syncedEntityKind } from './synced-entity-kind';
import { SyncedEntityTable, type SyncColumns, type SyncedTableShape } from './synced-entity-table';
import { StudioKinds, type StudioKind } from './synced-kind';

// A kind of the tests' own, in a table of their own, so the generic parts are checked apart from any feature's.
const ACCOUNT = {
  id: 'acct',
  serverUrl: 'http://127.0.0.1:9',
  email: 'a@x.test',
  handle: 'a',
  displayName: 'A',
  role: 'creator' as const,
};
const noteDraftSchema = z.strictObject({ text: z.string().min(1) });
type NoteDraft = z.infer<typeof noteDraftSchema>;
type NoteChange = DraftChange<NoteDraft> | { type: 'pin' };
interface NoteSnapshot {
  id: string;
  text: string;
  pinned: boolean;
  version: number;
}
interface NoteRow extends SyncColumns {
  id: string;
  text: string;
  pinned: number;
}
const NOTE_KIND = mutableKind('note', z.custom<NoteChange>());
const syncedNoteRow = (note: NoteSnapshot): NoteRow => ({
  id: note.id,
  text: note.text,
  pinned: note.pinned ? 1 : 0,
  version: note.version,
  confirmed_version: note.version,
  sync_state: 'synced',
  sync_error: null,
  server_copy: null,
});
const NOTES: SyncedTableShape<NoteRow, NoteSnapshot> = {
  table: 'notes',
  entity: NOTE_KIND.entity,
  key: 'id',
  fields: ['id', 'text', 'pinned'],
  parse: (json) => JSON.parse(json) as NoteSnapshot,
  syncedRow: syncedNoteRow,
};

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let outbox: Outbox;
let table: SyncedEntityTable<NoteRow, NoteSnapshot>;
let notes: SyncedEntities<NoteRow, NoteSnapshot, NoteDraft, NoteRow, { type: 'pin' }>;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
  db.exec(`CREATE TABLE notes (id TEXT PRIMARY KEY, text TEXT NOT NULL, pinned INTEGER NOT NULL,
    version INTEGER NOT NULL, confirmed_version INTEGER, sync_state TEXT NOT NULL, sync_error TEXT,
    server_copy TEXT)`);
  outbox = new Outbox(db);
  table = new SyncedEntityTable(db, NOTES);
  notes = new SyncedEntities(db, outbox, {
    entity: NOTE_KIND.entity,
    table,
    toLocal: (row) => row,
    words: {
      notFound: (id) => `Note ${id} was not found`,
      idTaken: 'A note with this id exists',
      named: (r) => r.text,
    },
  });
});
afterEach(() => {
  db.close();
  dir.remove();
});

const pending = (id: string, text = 'one'): NoteRow => ({
  ...syncedNoteRow({ id, text, pinned: false, version: 0 }),
  confirmed_version: null,
  sync_state: 'pending',
});
const kindOf = (
  parts: Partial<Parameters<typeof syncedEntityKind<NoteRow, NoteSnapshot, NoteChange>>[1]> = {},
) =>
  syncedEntityKind<NoteRow, NoteSnapshot, NoteChange>(
    { db, outbox, account: ACCOUNT },
    { spec: NOTE_KIND, table, stepOf: (c) => (c.type === 'pin' ? 'other' : c.type), ...parts },
  );
const answer = (kind: StudioKind, result: (m: Mutation) => Parameters<typeof applyAnswers>[4][number]) => {
  const sent = outbox.peek(1).map((e) => e.mutation);
  applyAnswers(db, outbox, new StudioKinds([kind]), sent, sent.map(result));
};

describe('a synced table', () => {
  it('refuses a name that is not a plain SQL name, and a key that is not among its fields', () => {
    expect(() => new SyncedEntityTable(db, { ...NOTES, table: 'notes; DROP TABLE outbox' })).toThrow(
      /Not a table/,
    );
    expect(() => new SyncedEntityTable(db, { ...NOTES, fields: ['text', 'pinned'] })).toThrow(
      /lack its key id/,
    );
  });

  it('takes a pulled note as synced while nothing of the creator waits, and keeps it as the copy otherwise', () => {
    table.receive({ id: 'n1', text: 'server', pinned: false, version: 3 });
    expect(table.find('n1')).toMatchObject({ text: 'server', version: 3, sync_state: 'synced' });

    notes.create(pending('n2', 'mine'), { text: 'mine' });
    table.receive({ id: 'n2', text: 'server', pinned: true, version: 1 });
    const kept = table.find('n2')!;
    expect(kept).toMatchObject({ text: 'mine', version: 1, confirmed_version: 1, sync_state: 'pending' });
    expect(table.serverCopy(kept)).toMatchObject({ text: 'server', pinned: true });
  });
});

describe('the shared part of an editor', () => {
  it('refuses a draft its schema refuses, and an id already taken before the feature checks its rules', () => {
    notes.create(pending('n1'), { text: 'one' });
    let checked = false;
    expect(() => notes.create(pending('n1'), { text: 'two' }, () => (checked = true))).toThrow(ConflictError);
    expect(checked).toBe(false);
    expect(() => parseDraft(noteDraftSchema, { text: '' })).toThrow(ValidationError);
  });

  it('re-creates a note whose create the server refused, and edits only the creator side in a conflict', () => {
    const kind = kindOf({ resolveConflict: () => undefined });
    notes.create(pending('n1'), { text: 'one' });
    answer(kind, (m) => ({ id: m.id, status: 'rejected', code: 'BAD', message: 'no' }));
    notes.transaction(() =>
      notes.saveDraft(table.find('n1')!, { ...table.find('n1')!, text: 'two' }, { text: 'two' }),
    );
    expect(outbox.peek(5).map((e) => (e.mutation.change as NoteChange).type)).toEqual(['create']);

    answer(kind, (m) => ({
      id: m.id,
      status: 'conflict',
      current: { id: 'n1', text: 'web', pinned: false, version: 4 },
    }));
    const before = table.find('n1')!;
    notes.transaction(() => notes.saveDraft(before, { ...before, text: 'three' }, { text: 'three' }));
    expect(outbox.pendingCount()).toBe(0);
    expect(table.find('n1')).toMatchObject({ text: 'three', sync_state: 'conflict', version: 4 });
  });

  it('keeps a conflict and its waiting changes when the creator side can no longer be sent', () => {
    const kind = kindOf({ resolveConflict: () => undefined });
    notes.create(pending('n1'), { text: 'one' });
    answer(kind, (m) => ({
      id: m.id,
      status: 'conflict',
      current: { id: 'n1', text: 'web', pinned: true, version: 2 },
    }));
    // A change made after the conflict, as an entity's later change waits behind its answer.
    outbox.enqueue({ id: 'later', entity: 'note', entityId: 'n1', change: { type: 'pin' } });
    const refuse = { draftOf: (row: NoteRow) => ({ text: row.text }), refuseMine: () => 'Pinned on the web' };
    expect(() => notes.resolveConflict('n1', 'mine', refuse)).toThrow(InvalidStateError);
    expect(outbox.pendingCount()).toBe(1);

    const mine = notes.resolveConflict('n1', 'mine', { ...refuse, refuseMine: () => null });
    expect(mine).toMatchObject({ text: 'one', version: 3, confirmed_version: 2, sync_state: 'pending' });
    expect(outbox.peek(5).map((e) => e.mutation.change)).toEqual([
      { type: 'update', baseVersion: 2, draft: { text: 'one' } },
    ]);
  });
});

describe('a synced kind', () => {
  it('holds back only the changes that carry a base, and lets the kind say what a refusal gives back', () => {
    const kind = kindOf({ refused: (row, change) => ({ pinned: change.type === 'pin' ? 0 : row.pinned }) });
    const asMutation = (change: NoteChange) => ({ id: 'm', entity: 'note', entityId: 'n1', change });
    expect(
      [
        { type: 'create', draft: { text: 'a' } },
        { type: 'update', baseVersion: 1, draft: { text: 'a' } },
        { type: 'pin' },
      ].map((c) => kind.usesBase!(asMutation(c as NoteChange))),
    ).toEqual([false, true, false]);

    table.save(syncedNoteRow({ id: 'n1', text: 'one', pinned: false, version: 2 }));
    notes.transaction(() => notes.write({ ...table.find('n1')!, pinned: 1 }, { type: 'pin' }));
    answer(kind, (m) => ({ id: m.id, status: 'rejected', code: 'BAD', message: 'not now' }));
    expect(table.find('n1')).toMatchObject({
      pinned: 0,
      version: 2,
      sync_state: 'rejected',
      sync_error: 'not now',
    });
  });

  it('leaves a note alone on a conflict answer when the kind settles no conflicts', () => {
    const kind = kindOf();
    expect(kind.resolveConflict).toBeUndefined();
    notes.create(pending('n1'), { text: 'one' });
    answer(kind, (m) => ({
      id: m.id,
      status: 'conflict',
      current: { id: 'n1', text: 'web', pinned: false, version: 2 },
    }));
    expect(table.find('n1')).toMatchObject({ text: 'one', sync_state: 'pending', server_copy: null });
  });

  it('pulls only the changes the kind receives', () => {
    const kind = kindOf({ receives: (change) => change.id === 'n1' });
    kind.applyChanges([
      {
        seq: 1,
        entity: 'note',
        op: 'upsert',
        id: 'n1',
        data: { id: 'n1', text: 'a', pinned: false, version: 1 },
      },
      {
        seq: 2,
        entity: 'note',
        op: 'upsert',
        id: 'n2',
        data: { id: 'n2', text: 'b', pinned: false, version: 1 },
      },
    ]);
    expect([table.find('n1')?.text, table.find('n2')]).toEqual(['a', undefined]);
  });
});
