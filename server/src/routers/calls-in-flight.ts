/**
 * The procedure calls under way, so that closing the server can wait for them before it closes the database
 * they use. Counted per call rather than per HTTP request: a client that hangs up does not stop its call,
 * and tRPC's HTTP handler may never settle for such a request (it waits for a 'drain' that a closed
 * response never emits), so waiting on the handler could hang the shutdown.
 */
export class CallsInFlight {
  readonly #calls = new Set<Promise<unknown>>();

  track<T>(call: Promise<T>): Promise<T> {
    this.#calls.add(call);
    const forget = () => void this.#calls.delete(call);
    call.then(forget, forget);
    return call;
  }

  /** Resolves once no call is under way (calls that start meanwhile are waited for too). */
  async settled(): Promise<void> {
    while (this.#calls.size > 0) await Promise.allSettled([...this.#calls]);
  }
}
