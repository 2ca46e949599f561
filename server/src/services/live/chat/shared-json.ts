/**
 * JSON serialized once for a value many connections send: the live fan-out hands the same batch of events
 * to thousands of subscribers of a stream, and turning it into JSON for each of them was the largest single
 * cost of a delivery (profiled: tRPC's per-frame `JSON.stringify` about an eighth of the server's time at
 * 5,000 subscribers). A value shared this way is frozen (shallowly: its events are shared already and never
 * changed), so the remembered text stays exactly `JSON.stringify(value)`; whoever writes the frame
 * (http/ws-frames.ts) embeds that text instead of serializing the value again, and anything else that sees
 * the value serializes it as usual.
 */
const texts = new WeakMap<object, string>();

/** Freezes `value` and remembers its JSON, once; returns the value. */
export function shareJson<T extends object>(value: T): T {
  if (!texts.has(value)) {
    Object.freeze(value);
    texts.set(value, JSON.stringify(value));
  }
  return value;
}

/** The JSON remembered for `value` by `shareJson`, or undefined when it was not shared. */
export function sharedJsonOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? texts.get(value) : undefined;
}
