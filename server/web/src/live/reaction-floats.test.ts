import { describe, expect, it } from 'vitest';
import {
  addReactionCounts,
  FLOAT_LIFETIME_MS,
  floatLabel,
  MAX_FLOATS,
  NO_FLOATS,
  withoutExpired,
} from './reaction-floats';

describe('addReactionCounts', () => {
  it("floats one count per emoji of a second's sum", () => {
    const state = addReactionCounts(NO_FLOATS, { '❤️': 12, '🔥': 3 }, 1_000);
    expect(state.floats.map((f) => [f.emoji, f.count])).toEqual([
      ['❤️', 12],
      ['🔥', 3],
    ]);
    expect(new Set(state.floats.map((f) => f.id)).size).toBe(2);
  });

  it('ignores counts that are not positive whole numbers', () => {
    const state = addReactionCounts(NO_FLOATS, { '❤️': 0, '🔥': -2, '👏': 1.5, '😂': Number.NaN }, 1_000);
    expect(state.floats).toEqual([]);
  });

  it('lets floats fade after their lifetime', () => {
    const first = addReactionCounts(NO_FLOATS, { '❤️': 1 }, 1_000);
    const later = addReactionCounts(first, { '🔥': 1 }, 1_000 + FLOAT_LIFETIME_MS);
    expect(later.floats.map((f) => f.emoji)).toEqual(['🔥']);
    expect(withoutExpired(later, 1_000 + 2 * FLOAT_LIFETIME_MS).floats).toEqual([]);
  });

  it('keeps at most a dozen floats, the newest, in a storm of reactions', () => {
    let state = NO_FLOATS;
    for (let second = 0; second < 10; second++) {
      state = addReactionCounts(state, { '❤️': 100, '🔥': 50, '👏': 10 }, 1_000 + second);
    }
    expect(state.floats).toHaveLength(MAX_FLOATS);
    expect(state.floats.at(-1)?.at).toBe(1_009);
    // Ids keep rising, so React never reuses a float's element for another.
    const ids = state.floats.map((f) => f.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('gives back the same state when nothing changed, so the page does not redraw', () => {
    const state = addReactionCounts(NO_FLOATS, { '❤️': 1 }, 1_000);
    expect(withoutExpired(state, 1_500)).toBe(state);
  });
});

describe('floatLabel', () => {
  it('shows the emoji alone for one tap and the count for more', () => {
    expect(floatLabel({ emoji: '❤️', count: 1 })).toBe('❤️');
    expect(floatLabel({ emoji: '❤️', count: 12 })).toBe('❤️ 12');
    expect(floatLabel({ emoji: '🔥', count: 12_345 })).toBe('🔥 12.3K');
  });
});
