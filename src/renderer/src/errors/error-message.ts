/** A TRPCClientError-like value: what a rejected call gives the UI. */
interface CallError {
  readonly message?: unknown;
  readonly data?: { readonly code?: unknown } | null;
}

/** Said when the studio gave a code but no usable message. */
const CODE_MESSAGES: Readonly<Record<string, string>> = {
  UNAUTHORIZED: 'Your session has ended. Sign in again.',
  TOO_MANY_REQUESTS: 'Too many attempts. Wait a minute, then try again.',
  TIMEOUT: 'The server took too long to answer. Try again.',
};

/** What went wrong, in words a creator can act on, for any error a studio call can throw. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return 'Something went wrong. Try again.';
  const { message, data } = error as CallError;
  const text = typeof message === 'string' ? message.trim() : '';
  const code = typeof data?.code === 'string' ? data.code : null;
  if (code === null) {
    // No tRPC error shape: the call never reached the studio (browser mode server stopped, network down).
    if (/fetch|network|websocket|closed/i.test(text)) {
      return 'The studio is not reachable. Check that it is still running, then try again.';
    }
    return text === '' ? 'Something went wrong. Try again.' : text;
  }
  if (code === 'INTERNAL_SERVER_ERROR' && (text === '' || text === 'Internal server error')) {
    return 'The studio hit an unexpected problem. Try again; if it keeps happening, restart the studio.';
  }
  // tRPC uses the code itself as the message when a procedure gave none.
  if (text === '' || text === code) return CODE_MESSAGES[code] ?? 'The request was refused.';
  // Both routers already put invalid input in words (the shared formatter).
  return text;
}
