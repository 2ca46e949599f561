import { isWithinMaxDepth } from './depth';
import { THRESHOLD_MINOR_PATTERN, type AccessFacts, type AccessRule, type TipThreshold } from './rule';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a viewer with these facts may access something guarded by `rule`. The owner always may. Anything the
 * function cannot make sense of (an unknown tier, a malformed threshold or date, an empty list, a rule nested
 * deeper than MAX_RULE_DEPTH, an unknown kind) denies access: it fails closed.
 */
export function evaluate(rule: AccessRule, facts: AccessFacts): boolean {
  if (facts.isOwner) return true;
  if (!isWithinMaxDepth(rule)) return false;
  return holds(rule, facts);
}

function holds(rule: AccessRule, facts: AccessFacts): boolean {
  switch (rule.kind) {
    case 'public':
      return true;
    case 'follower':
      // A subscriber is at least a follower, even without pressing "follow".
      return facts.isFollower || facts.subscription !== null;
    case 'subscriber':
      return meetsTier(rule.minTier, facts);
    case 'purchased':
      return facts.purchasedItemIds.has(rule.itemId);
    case 'tipped':
      return tippedAtLeast(rule.min, rule.withinDays, facts);
    case 'holds':
      return (facts.holdings.get(rule.collection) ?? 0) >= rule.count;
    case 'after': {
      const from = Date.parse(rule.date);
      return !Number.isNaN(from) && facts.now.getTime() >= from;
    }
    case 'all':
      return rule.rules.length > 0 && rule.rules.every((r) => holds(r, facts));
    case 'any':
      return rule.rules.some((r) => holds(r, facts));
    default: {
      const _exhaustive: never = rule;
      return false;
    }
  }
}

function meetsTier(minTier: string | undefined, facts: AccessFacts): boolean {
  if (facts.subscription === null) return false;
  if (minTier === undefined) return true;
  const needed = facts.tierRanks.get(minTier);
  if (needed === undefined) return false;
  return facts.subscription.rank >= needed;
}

/**
 * Sums the viewer's tips in the threshold's currency made up to now and, with a window, no earlier than
 * `now - withinDays × 24 h` (both ends inclusive). Tips in other currencies never count: there is no exchange rate.
 */
function tippedAtLeast(min: TipThreshold, withinDays: number | undefined, facts: AccessFacts): boolean {
  const threshold = thresholdMinor(min.minor);
  if (threshold === null) return false;
  const now = facts.now.getTime();
  const windowStart = withinDays === undefined ? -Infinity : now - withinDays * DAY_MS;
  if (Number.isNaN(windowStart)) return false;
  let total = 0n;
  for (const tip of facts.tips) {
    if (tip.currency !== min.currency) continue;
    const at = tip.at.getTime();
    if (at > now || at < windowStart || Number.isNaN(at)) continue;
    total += tip.minor;
  }
  return total >= threshold;
}

function thresholdMinor(minor: string): bigint | null {
  if (!THRESHOLD_MINOR_PATTERN.test(minor)) return null; // zero or malformed: fails closed
  return BigInt(minor);
}
