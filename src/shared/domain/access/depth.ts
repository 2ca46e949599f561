import { ValidationError } from '../errors';
import { MAX_RULE_DEPTH, type AccessRule } from './rule';

/**
 * How deeply a rule nests: a leaf is 1, `all(follower)` is 2. Counting stops at `MAX_RULE_DEPTH + 1`, so a hostile,
 * very deep rule costs no more than a legal one to measure.
 */
export function ruleDepth(rule: AccessRule): number {
  return depthUpTo(rule, MAX_RULE_DEPTH + 1);
}

function depthUpTo(rule: AccessRule, cap: number): number {
  if (cap <= 1 || (rule.kind !== 'all' && rule.kind !== 'any')) return 1;
  let deepest = 0;
  for (const child of rule.rules) {
    deepest = Math.max(deepest, depthUpTo(child, cap - 1));
    if (deepest >= cap - 1) break;
  }
  return 1 + deepest;
}

export function isWithinMaxDepth(rule: AccessRule): boolean {
  return ruleDepth(rule) <= MAX_RULE_DEPTH;
}

/** Throws ValidationError when the rule nests deeper than MAX_RULE_DEPTH (for rules built in code). */
export function validateRuleDepth(rule: AccessRule): void {
  if (!isWithinMaxDepth(rule)) {
    throw new ValidationError(`access rule nests deeper than ${MAX_RULE_DEPTH} levels`, 'accessRule');
  }
}
