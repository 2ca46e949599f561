import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessRuleSchema, countRuleNodesUpTo, MAX_RULE_NODES, type AccessRule } from './rule';

const leaf: AccessRule = { kind: 'follower' };
const group = (rules: AccessRule[]): AccessRule => ({ kind: 'any', rules });

describe('rule size', () => {
  it('counts every condition, groups included', () => {
    expect(countRuleNodesUpTo(leaf)).toBe(1);
    expect(countRuleNodesUpTo(group([leaf, group([leaf, leaf])]))).toBe(5);
  });

  it('stops counting just past the limit, however large the rule', () => {
    const huge = group(Array.from({ length: 100_000 }, () => leaf));
    expect(countRuleNodesUpTo(huge)).toBe(MAX_RULE_NODES + 1);
  });

  it(`accepts exactly up to ${MAX_RULE_NODES} conditions, with a message naming the limit beyond`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 16 }), (groups, perGroup) => {
        const rule = group(
          Array.from({ length: groups }, () => group(Array.from({ length: perGroup }, () => leaf))),
        );
        const nodes = 1 + groups * (1 + perGroup);
        const parsed = accessRuleSchema.safeParse(rule);
        expect(parsed.success).toBe(nodes <= MAX_RULE_NODES);
        if (!parsed.success) {
          expect(parsed.error.issues[0]?.message).toBe(
            `access rule has more than ${MAX_RULE_NODES} conditions`,
          );
        }
      }),
    );
  });
});
