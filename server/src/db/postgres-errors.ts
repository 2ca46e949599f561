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
