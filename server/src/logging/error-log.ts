/**
 * Errors as the server log shows them: the name, message, SQLSTATE and stack of each error in the cause
 * chain, and nothing else. Database drivers hang the failed statement's bound parameters (`params`) and
 * offending values (`detail`: "Key (email)=(…)") on their errors; printing the object would write e-mail
 * addresses and password hashes to the log, so only the fields named here are ever read, and the input a
 * PostgreSQL message quotes is left out too.
 */
export function describeErrorForLog(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (!(current instanceof Error)) {
      lines.push(`${depth ? 'caused by: ' : ''}${typeof current === 'string' ? current : typeof current}`);
      break;
    }
    const code = (current as { code?: unknown }).code;
    const isDatabaseError = typeof code === 'string' && SQLSTATE.test(code);
    const message = isDatabaseError ? current.message.replace(QUOTED_VALUE, ': "…"') : current.message;
    const heading = `${current.name}: ${message}${typeof code === 'string' ? ` (code ${code})` : ''}`;
    const frames = (current.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 8);
    lines.push(`${depth ? 'caused by: ' : ''}${heading}`, ...frames);
    current = current.cause;
  }
  return lines.join('\n');
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** PostgreSQL quotes the rejected input at the end of its message: `invalid input syntax for type uuid: "…"`. */
const QUOTED_VALUE = /: ".*"$/s;

/** Writes one failure to the log, without bound parameters (see `describeErrorForLog`). */
export function logFailure(what: string, error: unknown): void {
  console.error(`${what} failed: ${describeErrorForLog(error)}`);
}

/**
 * A request as the log names it: its method and path, never its query, which may carry a signed media URL's
 * `exp` and `sig` (a working link to a paid file) or a tRPC call's input.
 */
export function describeRequestForLog(method: string, url: string): string {
  const query = url.indexOf('?');
  return `${method} ${query === -1 ? url : url.slice(0, query)}`;
}
