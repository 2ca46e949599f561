import pg from 'pg';
import { CompiledQuery } from 'kysely';
import type { Queryable } from './queryable';

/** The SQL texts that run as named prepared statements, each with its statement name. */
const statementNames = new Map<string, string>();

/**
 * Marks a compiled SQL text (with `$n` parameters) as a prepared statement: on PostgreSQL, each connection
 * parses it once, and PostgreSQL may then reuse its plan, instead of parsing and planning it on every run.
 * For the reads on every page view (a creator's page): profiled under load, parsing and planning its two
 * queries cost PostgreSQL more than running them. Returns `sql` unchanged, to be run with
 * `CompiledQuery.raw(sql, parameters)`. Only texts compiled once belong here (one statement per call site,
 * kept on every connection for its lifetime), never SQL that varies with its input.
 */
export function preparedStatement(sql: string): string {
  if (!statementNames.has(sql)) statementNames.set(sql, `mesi_${statementNames.size + 1}`);
  return sql;
}

/**
 * The pool's client class: runs the texts marked by `preparedStatement` as named statements (pg prepares
 * a name once per connection), everything else as before. Kysely passes each query as text and values.
 */
export class PreparingClient extends pg.Client {}

const plainQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
PreparingClient.prototype.query = function (
  this: pg.Client,
  config: unknown,
  values?: unknown,
  callback?: unknown,
) {
  const name = typeof config === 'string' && Array.isArray(values) ? statementNames.get(config) : undefined;
  return name === undefined
    ? plainQuery.call(this, config, values, callback)
    : plainQuery.call(this, { name, text: config, values }, callback);
} as pg.Client['query'];

/**
 * Runs a constant SQL text, marked by `preparedStatement`, with its parameters: for the multi-row writes of the
 * payment path, written as `INSERT … SELECT * FROM unnest($1::uuid[], $2::text[], …)` with one array per
 * column, so that one text (parsed and planned once per connection) serves a batch of any size, and no query
 * builder walks every row.
 */
export async function runPrepared<R>(
  q: Queryable,
  text: string,
  parameters: readonly unknown[],
): Promise<R[]> {
  const { rows } = await q.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
  return rows;
}
