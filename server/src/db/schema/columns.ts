import type { ColumnType } from 'kysely';

// Column types the tables of every feature share (not re-exported by `db/schema`: they describe columns, not tables).

export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
/** A row's version where the studio edits it offline: 1 when inserted, +1 on every accepted change. */
export type Version = ColumnType<number, number | undefined, number>;
/** json/jsonb: written as a JSON string, read back parsed. */
export type Json<T> = ColumnType<T, string, string>;

/** numeric(78,0) minor units: read as text (both drivers), written as text; the repositories convert to bigint. */
export type Minor = ColumnType<string, string, string>;
export type MinorWithDefault = ColumnType<string, string | undefined, string>;
