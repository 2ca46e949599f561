import type { Change, PullResponse } from '@shared/domain/sync/protocol';
import type { ServerFetch } from './server-client';

/** What the server answered when it refused a feed request: its code, as tRPC's errors carry it. */
export interface FeedErrorData {
  readonly code: string;
  readonly httpStatus: number;
}

/**
 * A feed request that failed: `data` is set when the server answered (401, 403, 5xx…), absent when it could
 * not be reached. Shaped like a tRPC client error's, so the engine tells them apart the same way.
 */
export class FeedRequestError extends Error {
  override readonly name = 'FeedRequestError';
  constructor(
    message: string,
    readonly data?: FeedErrorData,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface FeedPageRequest {
  readonly serverUrl: string;
  readonly token: string;
  readonly after: number;
  readonly limit: number;
  readonly fetch: ServerFetch;
  readonly signal?: AbortSignal;
}

/**
 * One page of the account's change feed from `GET /sync/feed` (the server's bulk form of `sync.pull`): one
 * JSON document, parsed once.
 */
export async function fetchFeedPage(request: FeedPageRequest): Promise<PullResponse> {
  const url = `${request.serverUrl.replace(/\/+$/, '')}/sync/feed?after=${request.after}&limit=${request.limit}`;
  let response: Response;
  try {
    response = await request.fetch(url, {
      headers: { authorization: `Bearer ${request.token}` },
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (cause) {
    throw new FeedRequestError(cause instanceof Error ? cause.message : String(cause), undefined, { cause });
  }
  const body = (await response.json().catch(() => null)) as
    | { cursor: number; hasMore: boolean; changes: Change[] }
    | { error?: { code?: string; message?: string } }
    | null;
  if (!response.ok || body === null || !('changes' in body)) {
    const error = body && 'error' in body ? body.error : undefined;
    throw new FeedRequestError(error?.message ?? `The server answered ${response.status}`, {
      code: error?.code ?? (response.ok ? 'PARSE_ERROR' : 'INTERNAL_SERVER_ERROR'),
      httpStatus: response.ok ? 502 : response.status,
    });
  }
  return { changes: body.changes, cursor: body.cursor, hasMore: body.hasMore };
}
