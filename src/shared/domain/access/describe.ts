import { formatAmount, isCurrency } from '../money/amount';
import { type AccessRule, type TipThreshold } from './rule';

/** Names for the ids a rule holds, where the caller knows them (a tier's id → "Gold"). */
export interface RuleNames {
  tierName?(tierId: string): string | undefined;
}

/**
 * A fan-facing hint of what unlocks something, in plain English: "Subscribers (gold tier or higher)",
 * "Tipped $50.00 in the last 30 days", "Followers or Purchase". Dates are UTC ISO dates, never locale-formatted,
 * so the server and both apps say the same thing.
 */
export function describeRule(rule: AccessRule, names: RuleNames = {}): string {
  switch (rule.kind) {
    case 'public':
      return 'Everyone';
    case 'follower':
      return 'Followers';
    case 'subscriber':
      return rule.minTier === undefined
        ? 'Subscribers'
        : `Subscribers (${names.tierName?.(rule.minTier) ?? rule.minTier} tier or higher)`;
    case 'purchased':
      return 'Purchase';
    case 'tipped':
      return `Tipped ${describeThreshold(rule.min)}${describeWindow(rule.withinDays)}`;
    case 'holds':
      return `Holders of ${rule.count} × ${rule.collection}`;
    case 'after':
      return `Available from ${describeDate(rule.date)}`;
    case 'all':
      return rule.rules.map((r) => describeOperand(r, names)).join(' and ');
    case 'any':
      return rule.rules.map((r) => describeOperand(r, names)).join(' or ');
    default: {
      const _exhaustive: never = rule;
      return 'Unavailable';
    }
  }
}

/** A nested combination gets parentheses so "A and (B or C)" keeps its meaning. */
function describeOperand(rule: AccessRule, names: RuleNames): string {
  const text = describeRule(rule, names);
  return (rule.kind === 'all' || rule.kind === 'any') && rule.rules.length > 1 ? `(${text})` : text;
}

function describeThreshold(min: TipThreshold): string {
  if (isCurrency(min.currency) && /^(0|[1-9][0-9]{0,77})$/.test(min.minor)) {
    return formatAmount({ currency: min.currency, minor: BigInt(min.minor) }, { symbol: true });
  }
  return `${min.minor} ${min.currency} minor units`;
}

function describeWindow(withinDays: number | undefined): string {
  if (withinDays === undefined) return '';
  return withinDays === 1 ? ' in the last day' : ` in the last ${withinDays} days`;
}

/** "2026-12-01" at UTC midnight, "2026-12-01 18:30 UTC" otherwise. */
function describeDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const utc = new Date(ms).toISOString();
  const day = utc.slice(0, 10);
  const time = utc.slice(11, 16);
  return utc.slice(11, 23) === '00:00:00.000' ? day : `${day} ${time} UTC`;
}
