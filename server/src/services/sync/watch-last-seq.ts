import type { ChangeFeed } from './change-feed';

/**
 * The account's last seq now, then every newer last seq as changes commit. Bursts are coalesced: a slow
 * reader gets the newest seq, never a backlog.
 */
export async function* watchLastSeq(
  feed: ChangeFeed,
  accountId: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ seq: number }> {
  let newest = 0;
  let wake: (() => void) | null = null;
  const stop = feed.listen(accountId, ({ seq }) => {
    newest = Math.max(newest, seq);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    // Listen (and wait until the pubsub hears) before reading, so a change committed in between is not missed.
    await feed.listening(accountId);
    let last = await feed.lastSeq(accountId);
    yield { seq: last };
    while (!signal?.aborted) {
      if (newest > last) {
        last = newest;
        yield { seq: last };
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    stop();
    signal?.removeEventListener('abort', onAbort);
  }
}
