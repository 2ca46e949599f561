/** PostgreSQL's unique_violation, as raised by both pg and PGlite (they share the error fields). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const fields = err as { code?: unknown; constraint?: unknown; detail?: unknown; message?: unknown };
  if (fields.code !== '23505') return false;
  if (!constraint) return true;
  return [fields.constraint, fields.detail, fields.message].some(
    (text) => typeof text === 'string' && text.includes(constraint),
  );
}

/** SQLSTATEs that say the database could not do the work now, not that the work was wrong. */
const UNAVAILABLE_STATES = new Set([
  '55P03', // lock_not_available: lock_timeout
  '57014', // query_canceled: statement_timeout
  '57P01', // admin_shutdown: pg_terminate_backend, a restart
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down
  '53300', // too_many_connections
]);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);
/**
 * What node-postgres says when a connection ends or cannot be had, without a SQLSTATE; and PostgreSQL's refusal
 * of a database closed to connections, whose SQLSTATE (55000) is shared with errors that are the caller's.
 */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error|is not currently accepting connections/i;

/** What every answer to a database fault says (tRPC, tus, /media), so clients read one sentence. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The server cannot reach its database right now; please try again in a moment';

/**
 * Whether a failure is the database being busy or unreachable (a lock or statement timeout, a cut or refused
 * connection): a caller may try again later, and nothing about the request itself was at fault.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || UNAVAILABLE_SOCKET_CODES.has(code))
      return true;
  }
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}
