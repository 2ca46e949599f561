import { describe, expect, it } from 'vitest';
import { REACTIONS, ReactionTally, reactionSchema } from './reactions';

describe('reactions', () => {
  it('are one of a small fixed set', () => {
    expect(reactionSchema.parse('🔥')).toBe('🔥');
    expect(reactionSchema.safeParse('<b>').success).toBe(false);
    expect(REACTIONS.length).toBeLessThanOrEqual(8);
  });

  it('are counted per stream until taken, then counted afresh', () => {
    const tally = new ReactionTally();
    for (let i = 0; i < 100; i++) tally.add('s1', i % 2 === 0 ? '🔥' : '❤️');
    tally.add('s2', '🎉', 3);
    expect(tally.take()).toEqual(
      new Map([
        ['s1', { '🔥': 50, '❤️': 50 }],
        ['s2', { '🎉': 3 }],
      ]),
    );
    expect(tally.take().size).toBe(0);
  });
});
