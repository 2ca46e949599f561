import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { isWithinMaxDepth, ruleDepth, validateRuleDepth } from './depth';
import { evaluate } from './evaluate';
import { NOW, ruleArbitrary, smallLeafRule, TIER_RANKS, viewerFacts } from '../../test/rule-arbitraries';
import { accessRuleSchema, MAX_RULE_DEPTH, MAX_RULE_NODES, type AccessRule } from './rule';
import { parseRule } from './text';

function nested(depth: number): AccessRule {
  let rule: AccessRule = { kind: 'public' };
  for (let i = 1; i < depth; i++) rule = { kind: 'any', rules: [{ kind: 'follower' }, rule] };
  return rule;
}

describe('rule depth', () => {
  it('counts a leaf as 1 and each combination as one more', () => {
    expect(ruleDepth({ kind: 'public' })).toBe(1);
    expect(ruleDepth(nested(3))).toBe(3);
    expect(ruleDepth(nested(MAX_RULE_DEPTH))).toBe(MAX_RULE_DEPTH);
  });

  it('stops counting just past the limit, however deep the rule goes', () => {
    expect(ruleDepth(nested(5000))).toBe(MAX_RULE_DEPTH + 1);
  });

  it('accepts rules up to the limit and refuses deeper ones', () => {
    expect(isWithinMaxDepth(nested(MAX_RULE_DEPTH))).toBe(true);
    expect(() => validateRuleDepth(nested(MAX_RULE_DEPTH))).not.toThrow();
    expect(() => validateRuleDepth(nested(MAX_RULE_DEPTH + 1))).toThrow(ValidationError);
    expect(accessRuleSchema.safeParse(nested(MAX_RULE_DEPTH)).success).toBe(true);
    const deep = accessRuleSchema.safeParse(nested(MAX_RULE_DEPTH + 1));
    expect(deep.success).toBe(false);
    expect(deep.error?.issues[0]?.message).toBe('access rule nests deeper than 8 levels');
  });

  it('refuses a hostile, very deep rule at the limit, without walking it to the bottom', () => {
    const deep = accessRuleSchema.safeParse(nested(MAX_RULE_DEPTH + 2));
    expect(deep.error?.issues.map((i) => i.message)).toContain('access rule nests deeper than 8 levels');
    // Deeper still, the rule is also too large: refused on its size before its shape is walked.
    const hostile = accessRuleSchema.safeParse(nested(50_000));
    expect(hostile.error?.issues.map((i) => i.message)).toEqual([
      `access rule has more than ${MAX_RULE_NODES} conditions`,
    ]);
  });
});

describe('tip thresholds', () => {
  const zero = { kind: 'tipped', min: { currency: 'USD', minor: '0' } } as const;

  it('refuses a zero threshold at the boundary and in the text form', () => {
    const parsed = accessRuleSchema.safeParse(zero);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('minor units must be a positive integer string');
    expect(() => parseRule('tipped(0 USD)')).toThrow();
    expect(accessRuleSchema.safeParse({ ...zero, min: { currency: 'USD', minor: '1' } }).success).toBe(true);
  });
});

describe('the property-test generators', () => {
  it('produce rules that some viewers meet and others do not', () => {
    const outcomes = fc
      .sample(fc.tuple(ruleArbitrary(smallLeafRule), viewerFacts), { numRuns: 400, seed: 7 })
      .map(([rule, facts]) => evaluate(rule, facts));
    const granted = outcomes.filter(Boolean).length;
    expect(granted).toBeGreaterThan(80);
    expect(granted).toBeLessThan(320);
    expect(NOW.toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(TIER_RANKS.get('gold')).toBe(3);
  });
});
