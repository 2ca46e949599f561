import { z } from 'zod';

/** The reactions fans can send on a stream: a small fixed set, so nobody sends text this way. */
export const REACTIONS = ['❤️', '😂', '🔥', '👏', '😮', '🎉'] as const;
export type Reaction = (typeof REACTIONS)[number];

export const reactionSchema = z.enum(REACTIONS, `a reaction is one of ${REACTIONS.join(' ')}`);

/** How often a stream's reactions are sent to its viewers: one event per stream per second, not one per tap. */
export const REACTION_FLUSH_MS = 1000;

/** Counts of each reaction, e.g. `{ '🔥': 12, '❤️': 3 }`. */
export type ReactionCounts = Partial<Record<Reaction, number>>;

/** Reactions counted per stream until taken (each second), so that a hundred taps become one event. */
export class ReactionTally {
  readonly #byStream = new Map<string, Map<Reaction, number>>();

  add(streamId: string, reaction: Reaction, count = 1): void {
    let counts = this.#byStream.get(streamId);
    if (!counts) {
      counts = new Map();
      this.#byStream.set(streamId, counts);
    }
    counts.set(reaction, (counts.get(reaction) ?? 0) + count);
  }

  /** Each stream's counts since the last take, and starts counting afresh. */
  take(): Map<string, ReactionCounts> {
    const taken = new Map<string, ReactionCounts>();
    for (const [streamId, counts] of this.#byStream) taken.set(streamId, Object.fromEntries(counts));
    this.#byStream.clear();
    return taken;
  }
}
