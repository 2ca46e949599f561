import DataLoader from 'dataloader';

export interface BatchedOptions {
  /** Batches running at once; the calls arriving meanwhile wait and go together in the next one. */
  readonly inFlight: number;
}

/**
 * Concurrent calls served by one statement or one transaction. A call while fewer than `inFlight` batches
 * are running starts one at the next turn of the event loop (with every call that arrived in that turn);
 * otherwise it joins the batch that starts when one of them finishes. So a lone call waits for nothing, and
 * under load each round trip to the database serves many requests: group commit for writes (one transaction,
 * its statements and its WAL flush, carries many fans' payments), one `= any($1)` query for reads.
 *
 * `run` answers each item in order, with its result or its own Error; if it throws, every call of the batch
 * fails with that error. Built on DataLoader's batching (its cache off: each call reads afresh), with a
 * schedule of its own deciding when a batch starts.
 */
export function batched<T, R>(
  run: (items: readonly T[]) => Promise<readonly (R | Error)[]>,
  { inFlight }: BatchedOptions,
): (item: T) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const finished = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const loader = new DataLoader<T, R>(
    async (items) => {
      try {
        return await run(items);
      } finally {
        finished();
      }
    },
    {
      cache: false,
      batchScheduleFn: (start) => {
        if (running < inFlight) {
          running++;
          // The next turn, not now: the calls of this turn (requests read from other sockets) join first.
          setImmediate(start);
        } else waiting.push(start);
      },
    },
  );
  return (item) => loader.load(item);
}

/**
 * Writes a batch in one go; if that fails, each item alone, so that one item's failure (a constraint, a
 * purpose that refuses) is its own and the others still succeed. A failure of the database fails each again.
 */
export function isolatingFailures<T, R>(
  writeAll: (items: readonly T[]) => Promise<readonly R[]>,
): (items: readonly T[]) => Promise<(R | Error)[]> {
  return async (items) => {
    try {
      return [...(await writeAll(items))];
    } catch (error) {
      if (items.length === 1) return [asError(error)];
      return Promise.all(
        items.map((item) =>
          writeAll([item]).then(
            (results) => results[0] as R,
            (failure: unknown) => asError(failure),
          ),
        ),
      );
    }
  };
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
