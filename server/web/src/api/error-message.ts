/** What the app knows about a failed call: the tRPC error code, when the server answered at all. */
export interface FailedCall {
  readonly code?: string | undefined;
  readonly message?: string | undefined;
}

/** Reads the code and message out of whatever a tRPC call threw. */
export function failedCallOf(error: unknown): FailedCall {
  if (typeof error !== 'object' || error === null) return {};
  const data = (error as { data?: unknown }).data;
  const code =
    typeof data === 'object' && data !== null && typeof (data as { code?: unknown }).code === 'string'
      ? (data as { code: string }).code
      : undefined;
  const message = (error as { message?: unknown }).message;
  return { code, message: typeof message === 'string' ? message : undefined };
}

/**
 * A sentence a person can act on. The server's own message is kept where it is written for people
 * (field messages of BAD_REQUEST, wrong password, handle taken); anything else gets a plain explanation.
 */
export function describeFailure(failure: FailedCall): string {
  // tRPC uses the code itself as the message when the server gave none; that is not for people.
  const message = failure.message?.trim();
  const serverSays = message && message !== failure.code ? message : undefined;
  switch (failure.code) {
    case 'BAD_REQUEST':
      // Several field messages arrive joined by "; ": one per line reads better.
      return serverSays ? serverSays.split('; ').join('\n') : fallbackFor(failure.code);
    case 'UNAUTHORIZED':
    case 'CONFLICT':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
      return serverSays || fallbackFor(failure.code);
    case 'TOO_MANY_REQUESTS':
      return serverSays || fallbackFor('TOO_MANY_REQUESTS');
    case undefined:
      return "Mesi can't be reached right now. Check your connection and try again.";
    default:
      return 'Something went wrong on our side. Please try again in a moment.';
  }
}

function fallbackFor(code: string): string {
  switch (code) {
    case 'BAD_REQUEST':
      return 'Some of what you entered is not valid. Check the fields and try again.';
    case 'UNAUTHORIZED':
      return 'Please sign in first.';
    case 'CONFLICT':
      return 'That is already taken.';
    case 'FORBIDDEN':
      return "You don't have access to this.";
    case 'NOT_FOUND':
      return 'We could not find that.';
    case 'TOO_MANY_REQUESTS':
      return 'Too many attempts. Wait a few minutes, then try again.';
    default:
      return 'Something went wrong. Please try again.';
  }
}

/** The sentence to show for whatever a tRPC call threw. */
export function describeError(error: unknown): string {
  return describeFailure(failedCallOf(error));
}
