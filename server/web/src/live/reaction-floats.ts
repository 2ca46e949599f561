/**
 * The floating counts over the reactions bar. The server sums every fan's taps per stream per second and sends
 * one `reactions` event with a count per emoji; each becomes a float ("❤️ 12") that rises and fades. A fan's own
 * tap floats at once, before the server's sum comes back with it counted in.
 */
export interface ReactionFloat {
  readonly id: number;
  readonly emoji: string;
  readonly count: number;
  /** When it appeared (ms since the epoch). */
  readonly at: number;
}

export interface ReactionFloats {
  readonly floats: readonly ReactionFloat[];
  readonly nextId: number;
}

/** How long a float stays up (its CSS animation lasts as long). */
export const FLOAT_LIFETIME_MS = 2_500;
/** At most this many at once: a storm of reactions stays readable and cheap to draw. */
export const MAX_FLOATS = 12;

export const NO_FLOATS: ReactionFloats = { floats: [], nextId: 1 };

/**
 * Adds the floats of one second's counts (emoji → taps), dropping the expired ones; when there are more than
 * `MAX_FLOATS`, the oldest make room. Counts that are not positive whole numbers are ignored.
 */
export function addReactionCounts(
  state: ReactionFloats,
  counts: Readonly<Partial<Record<string, number>>>,
  now: number,
): ReactionFloats {
  let nextId = state.nextId;
  const added: ReactionFloat[] = [];
  for (const [emoji, count] of Object.entries(counts)) {
    if (count === undefined || !Number.isInteger(count) || count <= 0) continue;
    added.push({ id: nextId++, emoji, count, at: now });
  }
  if (added.length === 0) return withoutExpired(state, now);
  const floats = [...liveFloats(state.floats, now), ...added].slice(-MAX_FLOATS);
  return { floats, nextId };
}

/** The floats still up at `now`. */
export function withoutExpired(state: ReactionFloats, now: number): ReactionFloats {
  const floats = liveFloats(state.floats, now);
  return floats.length === state.floats.length ? state : { floats, nextId: state.nextId };
}

function liveFloats(floats: readonly ReactionFloat[], now: number): ReactionFloat[] {
  return floats.filter((f) => now - f.at < FLOAT_LIFETIME_MS);
}

/** What a float says: the emoji alone for one tap, `❤️ 12` for more, `❤️ 1.2K` past ten thousand. */
export function floatLabel(float: Pick<ReactionFloat, 'emoji' | 'count'>): string {
  if (float.count <= 1) return float.emoji;
  const count =
    float.count < 10_000
      ? String(float.count)
      : new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(float.count);
  return `${float.emoji} ${count}`;
}
