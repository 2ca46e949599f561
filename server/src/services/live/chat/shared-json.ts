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

/** Each item's JSON, for `shareJsonOfItems`: an event is in many subscribers' batches, serialized once. */
const itemTexts = new WeakMap<object, string>();

/**
 * `shareJson` for an array of shared items (a subscriber's own batch: the events every subscriber of a stream
 * gets, behind a `missed` of its own, say): its JSON is joined from each item's, serialized once per item
 * however many batches it is in. The items must be plain JSON data that nobody changes (pubsub messages are;
 * see adapters/pubsub.ts), so an item's text is `JSON.stringify(item)` whenever it is joined.
 */
export function shareJsonOfItems<T extends object>(items: T[]): T[] {
  if (texts.has(items)) return items;
  let json = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let text = itemTexts.get(item);
    if (text === undefined) {
      text = JSON.stringify(item);
      itemTexts.set(item, text);
    }
    json += i === 0 ? text : `,${text}`;
  }
  Object.freeze(items);
  texts.set(items, `${json}]`);
  return items;
}

/** The JSON remembered for `value` by `shareJson`, or undefined when it was not shared. */
export function sharedJsonOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? texts.get(value) : undefined;
}
