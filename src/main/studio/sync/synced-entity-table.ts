import type Database from 'better-sqlite3';
import type { SyncState } from '@shared/domain/sync/local-state';

/** The sync columns every synced table keeps beside its entity's fields. */
export interface SyncColumns {
  version: number;
  /** The last version the server confirmed; null while the server has never had the entity. */
  confirmed_version: number | null;
  sync_state: SyncState;
  sync_error: string | null;
  /** The server's snapshot, kept in a conflict or while the creator's changes wait in front of it. */
  server_copy: string | null;
}

/** What makes a table one kind's synced table: its names, its columns and how a snapshot becomes a row. */
export interface SyncedTableShape<Row extends SyncColumns, Snapshot extends { readonly version: number }> {
  /** The SQLite table. */
  readonly table: string;
  /** The kind's entity, as the outbox names it. */
  readonly entity: string;
  /** The column that holds the entity's id: `id`, or `creator_id` for a kind the account holds one of. */
  readonly key: Exclude<keyof Row, keyof SyncColumns> & string;
  /** The entity's own columns, the key among them: the table adds its sync columns. */
  readonly fields: readonly (Exclude<keyof Row, keyof SyncColumns> & string)[];
  /** The server's snapshot, as a row's `server_copy` keeps it. */
  readonly parse: (json: string) => Snapshot;
  /** The row as the server has it: synced, nothing of the creator's left to send. */
  readonly syncedRow: (snapshot: Snapshot) => Row;
}

const SYNC_COLUMNS: readonly (keyof SyncColumns)[] = [
  'version',
  'confirmed_version',
  'sync_state',
  'sync_error',
  'server_copy',
];

// Names are the features' own constants, written into SQL: anything else is a bug, caught when the table opens.
const SQL_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * One synced kind's table in an account's database: a row per entity with the creator's fields and its sync
 * columns. A pulled snapshot lands as synced only while the creator has nothing of theirs on the entity;
 * otherwise it is kept beside their fields as the server's copy. Features extend it with their own reads.
 */
export class SyncedEntityTable<Row extends SyncColumns, Snapshot extends { readonly version: number }> {
  private readonly selectOne: Database.Statement;
  private readonly saveRow: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly upsertIfSettled: Database.Statement;
  private readonly recordCopy: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly shape: SyncedTableShape<Row, Snapshot>,
  ) {
    const { table, entity, key, fields } = shape;
    for (const name of [table, entity, ...fields]) {
      if (!SQL_NAME.test(name)) throw new Error(`Not a table, kind or column name: ${name}`);
    }
    if (!fields.includes(key)) throw new Error(`The columns of ${table} lack its key ${key}`);
    const columns = [...fields, ...SYNC_COLUMNS];
    const names = columns.join(', ');
    const values = columns.map((column) => `@${column}`).join(', ');
    const takeEveryColumn = columns
      .filter((column) => column !== key)
      .map((column) => `${column} = excluded.${column}`)
      .join(', ');
    const upsert = `INSERT INTO ${table} (${names}) VALUES (${values})
      ON CONFLICT (${key}) DO UPDATE SET ${takeEveryColumn}`;
    const nothingWaiting = `NOT EXISTS (SELECT 1 FROM outbox
      WHERE outbox.entity = '${entity}' AND outbox.entity_id = ${table}.${key})`;

    this.selectOne = db.prepare(`SELECT * FROM ${table} WHERE ${key} = ?`);
    this.saveRow = db.prepare(upsert);
    this.deleteRow = db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`);
    this.upsertIfSettled = db.prepare(
      `${upsert} WHERE ${table}.sync_state IN ('synced', 'pending') AND ${nothingWaiting}`,
    );
    // With nothing waiting in the outbox, the next local edit is based on this server version.
    this.recordCopy = db.prepare(`UPDATE ${table} SET server_copy = @copy, confirmed_version = @version,
        version = CASE WHEN ${nothingWaiting} THEN @version ELSE version END
      WHERE ${key} = @key`);
  }

  find(id: string): Row | undefined {
    return this.selectOne.get(id) as Row | undefined;
  }

  /** Writes every column of the row (inserting it the first time). */
  save(row: Row): void {
    this.saveRow.run(row);
  }

  remove(id: string): void {
    this.deleteRow.run(id);
  }

  /** The server's entity, as pulled: synced, unless the creator has something of theirs on it. */
  receive(snapshot: Snapshot): void {
    const synced = this.shape.syncedRow(snapshot);
    if (this.upsertIfSettled.run(synced).changes === 0) {
      this.recordCopy.run({
        copy: JSON.stringify(snapshot),
        version: snapshot.version,
        key: synced[this.shape.key],
      });
    }
  }

  /** The server's snapshot the row keeps, if any. */
  serverCopy(row: Row): Snapshot | null {
    return row.server_copy ? this.shape.parse(row.server_copy) : null;
  }

  /** The row as the server has it: synced, nothing of the creator's left to send. */
  syncedRow(snapshot: Snapshot): Row {
    return this.shape.syncedRow(snapshot);
  }
}
